#!/bin/sh
# Gradescope runs this once, when it builds the autograder's image (the zip
# is unpacked in /autograder/source): it installs the packages for the
# image's distribution (install-deps.sh, packages.txt) and builds the bundled
# handout once, so newlib (minutes) is in the image and a submission's build
# only compiles the student's code (grader/contrib/gradescope.py copies it).
set -e
TREE=$(cd "$(dirname "$0")" && pwd)/ysos
sh "$TREE/grader/contrib/install-deps.sh"
make -C "$TREE" --no-print-directory build WERROR=0
