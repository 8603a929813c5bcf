"""STAGE 4: hashed assets, compression, the release store, link checks, the search index and the atomic swap."""
