"""One lane per chat: in order within a chat, concurrent across chats, the quick exit overtakes."""

from __future__ import annotations

import asyncio

from bot.lanes import ChatLanes, superseded


class Arrivals:
    """Updates are (chat, name) pairs; "exit" quits."""

    def arrive(self, update: object) -> tuple[str | None, bool]:
        chat, name = update  # type: ignore[misc]
        return chat, name == "exit"


async def test_a_chats_updates_wait_for_each_other_other_chats_do_not() -> None:
    lanes, done, gate = ChatLanes(Arrivals()), [], asyncio.Event()

    async def work(name: str, wait: bool = False) -> None:
        if wait:
            await gate.wait()
        done.append(name)

    first = asyncio.create_task(lanes.process_update(("a", "1"), work("a1", wait=True)))
    second = asyncio.create_task(lanes.process_update(("a", "2"), work("a2")))
    await lanes.process_update(("b", "1"), work("b1"))
    assert done == ["b1"]  # a2 waits behind a1; b is not held up
    gate.set()
    await asyncio.gather(first, second)
    assert done == ["b1", "a1", "a2"]
    assert len(lanes) == 0  # lanes of quiet chats are dropped


async def test_the_quick_exit_skips_what_waits_and_stops_what_runs() -> None:
    lanes, done, gate = ChatLanes(Arrivals()), [], asyncio.Event()
    seen: list[bool] = []

    async def work(name: str, wait: bool = False) -> None:
        if wait:
            await gate.wait()
            seen.append(superseded())
        done.append(name)

    running = asyncio.create_task(lanes.process_update(("a", "1"), work("a1", wait=True)))
    waiting = asyncio.create_task(lanes.process_update(("a", "2"), work("a2")))
    exiting = asyncio.create_task(lanes.process_update(("a", "exit"), work("exit")))
    await asyncio.sleep(0)
    gate.set()
    await asyncio.gather(running, waiting, exiting)
    assert seen == [True]  # the update in flight learns it must send nothing more
    assert done == ["a1", "exit"]  # the queued one never ran
