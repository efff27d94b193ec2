// Module Worker: see README.md for its place in the architecture.
