#ifndef LOBBY_CFREETYPE_SHIM_H
#define LOBBY_CFREETYPE_SHIM_H
#include <ft2build.h>
#include FT_FREETYPE_H

/* FT_LOAD_TARGET_MONO is a function-like macro that Swift cannot import: crisp 1-bit glyphs,
   hinted for monochrome output, as an LED sign shows them. */
static const FT_Int32 lobby_load_monochrome = FT_LOAD_RENDER | FT_LOAD_MONOCHROME | FT_LOAD_TARGET_MONO;

#endif
