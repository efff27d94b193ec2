// Module ModelFormats: see README.md for its place in the architecture.
