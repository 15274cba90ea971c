#ifndef LOBBY_CSERIALPORT_SHIM_H
#define LOBBY_CSERIALPORT_SHIM_H
#include <libserialport.h>
#endif
