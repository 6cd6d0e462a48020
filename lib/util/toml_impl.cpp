// The compiled part of toml++ (what libtomlplusplus holds), in pave itself:
// one shared library fewer to load and bind at every start.
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
