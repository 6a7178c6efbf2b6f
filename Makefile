# Thin aliases of the npm scripts.
.PHONY: build check test typecheck bench

build:
	npm run build

check:
	npm run check

test:
	npm test

typecheck:
	npm run typecheck

bench:
	npm run bench
