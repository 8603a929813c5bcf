"""A file watcher for the preview server that polls every 20 ms instead of livereload's 800 ms: a folder's task runs
once its files have looked the same on two polls in a row (a save written in pieces runs once), then every
connected browser reloads at once (livereload's own poller also skips reloads within 3 s of the last)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from tornado.ioloop import PeriodicCallback

INTERVAL_MS = 20
IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".tmp")  # editor backups and swap files

Snapshot = dict[str, tuple[int, int]]


class Task(NamedTuple):
    """What to run when something below a folder changes, and the folders whose tasks that also does."""

    folder: Path
    run: Callable[[], object]
    covers: tuple[Path, ...] = ()


def snapshot(folder: Path) -> Snapshot:
    """(mtime in ns, size) of every file below folder, hidden files and editor backups left out."""
    found: Snapshot = {}
    stack = [str(folder)]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue  # a folder removed while we looked: the next poll sees it gone
        for entry in entries:
            if entry.name.startswith(".") or entry.name.endswith(IGNORED_SUFFIXES):
                continue
            try:
                if entry.is_dir():
                    stack.append(entry.path)
                elif entry.is_file():
                    stat = entry.stat()
                    found[entry.path] = (stat.st_mtime_ns, stat.st_size)
            except OSError:
                continue
    return found


class Poller(Watcher):  # type: ignore[misc]
    """Watches folders in the order given; of the folders that changed together, a task is skipped when one run
    before it covers it (data/ redoes everything)."""

    def __init__(self, tasks: Sequence[Task]) -> None:
        """Take every folder's current files as the state already shown."""
        super().__init__()
        self.tasks = list(tasks)
        self.seen = {task.folder: snapshot(task.folder) for task in self.tasks}
        self.pending: dict[Path, Snapshot] = {}
        for task in self.tasks:  # so that livereload does not add a watch on the working directory
            self._tasks[str(task.folder)] = {"func": None, "delay": None, "ignore": None, "mtimes": {}}

    def start(self, callback: Callable[[], None]) -> bool:
        """Poll on the server's loop (livereload calls this once; True: it starts no poller of its own)."""
        PeriodicCallback(self.poll, INTERVAL_MS).start()
        return True

    def poll(self) -> None:
        """Run the tasks of the folders whose changes have settled, then reload the browsers."""
        ran: list[Task] = []
        for task in self.settled():
            if not any(task.folder in done.covers for done in ran):
                task.run()
                ran.append(task)
        if ran:
            LiveReloadHandler.reload_waiters(str(ran[0].folder))

    def settled(self) -> list[Task]:
        """Tasks of folders that changed since they last ran and look the same as on the previous poll."""
        ready = []
        for task in self.tasks:
            now = snapshot(task.folder)
            if now == self.seen[task.folder]:
                self.pending.pop(task.folder, None)
            elif self.pending.get(task.folder) == now:
                self.seen[task.folder] = now
                del self.pending[task.folder]
                ready.append(task)
            else:
                self.pending[task.folder] = now
        return ready
