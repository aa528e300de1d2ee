#!/bin/sh
# layers.sh BIN -- the objects next to BIN depend on each other one way only
# (tools/check-layers.sh: from nm, no circle, nothing pointing up a layer).
top=$(cd "$(dirname "$0")/../.." && pwd)
exec sh "$top/tools/check-layers.sh" "$(dirname "$1")"
