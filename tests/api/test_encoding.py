"""Responses encoded on the worker thread read exactly as those encoded on the event loop."""

from __future__ import annotations

import json

from api.encoding import BackgroundEncoder, EncodedResponse


def _encode(data: object) -> str:
    return json.dumps(data, separators=(",", ":"))


def test_a_started_encoding_gives_the_same_body_as_encoding_inline() -> None:
    encoder = BackgroundEncoder(_encode)
    response = {"data": {"families": [{"id": str(n)} for n in range(50)]}}
    try:
        encoding = encoder.encoding(response)
        encoding.start()
        assert encoding.body() == _encode(response)
    finally:
        encoder.close()


def test_an_encoding_never_started_or_after_shutdown_is_done_inline() -> None:
    encoder = BackgroundEncoder(_encode)
    encoder.close()
    response = {"data": {"me": None}}
    unstarted = encoder.encoding(response)
    assert unstarted.body() == _encode(response)
    late = encoder.encoding(response)
    late.start()  # the pool is shut down: must not raise between a write and its sync
    assert late.body() == _encode(response)


def test_an_encoded_response_keeps_its_content_and_body() -> None:
    wrapped = EncodedResponse({"data": {"a": 1}}, '{"data":{"a":1}}')
    assert wrapped == {"data": {"a": 1}}
    assert wrapped.body == '{"data":{"a":1}}'
