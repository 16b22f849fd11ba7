"""Hand freed memory back to the operating system.

CPython returns a pymalloc arena only once it is wholly empty, and glibc's
malloc keeps what large objects (strings of data text) freed in its heap; after
`mkdocs build` drops the loaded guide (hooks/site.py), both stay counted in the
process's resident memory, and in every process it forks after. malloc_trim
releases the free pages glibc holds. Elsewhere (macOS, musl) this does nothing.
"""

import ctypes
import ctypes.util
import gc


def give_back() -> None:
    gc.collect()
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        trim = libc.malloc_trim
    except (OSError, AttributeError, TypeError):  # no C library found, or not glibc
        return
    trim(0)
