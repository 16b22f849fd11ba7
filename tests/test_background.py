"""macros/background.py: work in a forked process, or in place without fork."""

import gc
import os
import weakref

import pytest

from macros import background


@pytest.fixture(params=["fork", "in place"])
def mode(request, monkeypatch):
    if request.param == "in place":
        monkeypatch.setenv("KB_WORKERS", "1")
    else:
        monkeypatch.delenv("KB_WORKERS", raising=False)
    return request.param


def test_the_result_comes_back(mode):
    assert background.Job(lambda: {"written": 3}).wait() == {"written": 3}


def test_fork_runs_in_another_process(mode):
    pid = background.Job(os.getpid).wait()
    assert (pid != os.getpid()) == (mode == "fork")


def test_an_error_of_ours_comes_back_as_its_message(mode):
    from macros.compile import PageError

    def fail():
        raise PageError("data/questions/x.yml: broken")

    with pytest.raises(background.JobFailed, match=r"^data/questions/x.yml: broken$"):
        background.Job(fail).wait()


def test_any_other_error_comes_back_with_where_it_happened(mode):
    with pytest.raises(background.JobFailed, match=r"(?s)Traceback.*ZeroDivisionError"):
        background.Job(lambda: 1 / 0).wait()


def test_a_child_that_dies_is_a_failure(monkeypatch):
    monkeypatch.delenv("KB_WORKERS", raising=False)
    with pytest.raises(background.JobFailed, match="exit code 3"):
        background.Job(lambda: os._exit(3)).wait()


def test_cancel_stops_the_work(tmp_path, monkeypatch):
    monkeypatch.delenv("KB_WORKERS", raising=False)
    marker = tmp_path / "done"

    def slow():
        import time
        time.sleep(30)
        marker.write_text("x")

    job = background.Job(slow)
    job.cancel()
    assert not marker.exists()


class _Guide:
    """Stands in for the loaded guide: something only the work needs."""
    size = 35_700


def _size_of(guide):
    return lambda: guide.size


def test_the_parent_keeps_nothing_of_the_work(mode):
    # hooks/site.py frees the guide once compiled, while the data files' child still runs.
    guide = _Guide()
    held = weakref.ref(guide)
    job = background.Job(_size_of(guide))
    del guide
    gc.collect()
    assert held() is None
    assert job.wait() == 35_700
