#!/bin/sh
# The first step of `npm test`: the build and the lint side by side. Each is a chain of
# single-threaded tools (tsc; eslint then prettier) of about the same length, so on two cores the
# pair takes about as long as the longer one instead of the sum. Fails if either fails; their
# messages may interleave, each line whole.
npm run build &
build=$!
npm run lint
lint=$?
wait "$build"
built=$?
if [ "$built" -ne 0 ]; then echo "npm test: the build failed (exit $built)" >&2; fi
if [ "$lint" -ne 0 ]; then echo "npm test: the lint failed (exit $lint)" >&2; fi
[ "$built" -eq 0 ] && [ "$lint" -eq 0 ]
