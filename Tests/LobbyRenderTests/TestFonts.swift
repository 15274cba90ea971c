/// GNU Unifont from Debian's fonts-unifont, installed by `make deps`: the default font.
let unifont = "/usr/share/fonts/opentype/unifont/unifont.otf"
