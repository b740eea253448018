// utf8proc (Debian: libutf8proc-dev). Linked by name; its pkg-config file makes SwiftPM warn.
#include <utf8proc.h>
