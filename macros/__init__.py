"""The knowledge-base engine: data/ → load and validate → model → render →
compile (macros/compile.py), in plain Python with no MkDocs import.

MkDocs reaches it only through the adapter in macros/hooks/site.py.
"""
