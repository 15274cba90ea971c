#ifndef LOBBY_CZLIB_SHIM_H
#define LOBBY_CZLIB_SHIM_H
#include <zlib.h>
#endif
