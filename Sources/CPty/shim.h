#ifndef LOBBY_CPTY_SHIM_H
#define LOBBY_CPTY_SHIM_H
/* posix_openpt, grantpt, unlockpt and ptsname_r are hidden from Swift's Glibc module (they need
   _XOPEN_SOURCE/_GNU_SOURCE, and defining those here would clash with the module's own view of
   the system headers). So their libc prototypes are declared here, and the open flags come
   from Swift. */
int posix_openpt(int flags);
int grantpt(int fd);
int unlockpt(int fd);
int ptsname_r(int fd, char *buffer, unsigned long length);
int close(int fd);

/* A pseudo-terminal master opened with `flags`, unlocked; -1 with errno set on failure. */
static inline int lobby_open_pty_master(int flags) {
    int fd = posix_openpt(flags);
    if (fd < 0) return -1;
    if (grantpt(fd) != 0 || unlockpt(fd) != 0) { close(fd); return -1; }
    return fd;
}

/* The slave device path of master `fd` into `buffer`; 0 on success. */
static inline int lobby_pty_slave_name(int fd, char *buffer, unsigned long length) {
    return ptsname_r(fd, buffer, length);
}
#endif
