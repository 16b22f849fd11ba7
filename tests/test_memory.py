"""macros/memory.py: freed memory goes back to the operating system."""

import sys

import pytest

from macros import memory


def resident_mb() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc and needs glibc's malloc_trim")
def test_freed_text_leaves_resident_memory():
    # As the guide's text does once hooks/site.py has compiled it: many strings,
    # interleaved with something that stays, so the heap cannot simply shrink.
    kept, texts = [], []
    for i in range(20_000):
        texts.append("x" * 4000 + str(i))
        kept.append(str(i) * 3)
    before = resident_mb()
    del texts
    memory.give_back()
    assert before - resident_mb() > 40  # of the ~80 MB freed
