"""Readers that misbehave, run by tests/unit/test_reader_isolation.py in the reader's child process
(they must be importable there: the test puts this folder on PYTHONPATH)."""

import os
import time


def sleeps(send, seconds):
    send(("progress", 0, 1, "started"))
    time.sleep(seconds)


def allocates(send, megabytes):
    hoard = []
    for _ in range(megabytes):
        hoard.append(bytearray(1 << 20))
    send(("held", len(hoard)))


def aborts(send):
    send(("progress", 0, 1, "started"))
    os.abort()


def answers(send, count):
    for i in range(count):
        send(("part", i))
