"""Checkpoints that cannot lie or run code; Parquet output that is never left half-written.

The attacks are those of issue 17: a planted pickle, bit flips, a chunk from another game's
sweep, a deleted manifest, changed solver options, an interrupted Parquet stream.
"""

import io
import json
import os
import pickle
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

from deterrence.analysis import sweep
from deterrence.analysis.checkpoints import (
    Checkpoint,
    CorruptChunkWarning,
    ParquetSink,
    decode_frame,
    encode_frame,
)
from deterrence.exceptions import DeterrenceError
from deterrence.games import ParametricGame

sys.path.insert(0, os.path.dirname(__file__))
from test_sweep import coercion_game  # noqa: E402

GRID = {"credibility": np.linspace(0, 1, 11), "hoarding": [-1.0, 0.5, 2.0]}


def run(path, game=None, grid=GRID, **options):
    return sweep(
        game or coercion_game(), grid, progress=False, chunk_size=5, checkpoint=path, **options
    )


@pytest.fixture
def fresh():
    return sweep(coercion_game(), GRID, progress=False)


def other_game():
    """The coercion game with other payoffs (same parameters, players and strategies)."""
    return ParametricGame.from_matrices(
        [["benefit - cost*credibility", "2*benefit"], [0, "credibility"]],
        [[1, "hoarding"], [1, "-hoarding"]],
        list(coercion_game().parameters),
        players=("coercer", "coalition"),
        strategies=(("coerce", "refrain"), ("share", "hoard")),
    )


def test_resume_reuses_chunks_and_records_hashes(tmp_path, fresh):
    first = run(tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["format"] == 2 and len(manifest["chunks"]) == 7
    assert all(len(entry["sha256"]) == 64 for entry in manifest["chunks"].values())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = run(tmp_path)
    pd.testing.assert_frame_equal(first, fresh, check_exact=True)
    pd.testing.assert_frame_equal(again, fresh, check_exact=True)
    assert not list(tmp_path.glob("*.pkl"))


def test_a_planted_pickle_is_never_loaded(tmp_path, fresh):
    run(tmp_path)
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    target = tmp_path / "chunk-000001.npz"
    target.write_bytes(pickle.dumps(Payload()))
    with pytest.warns(CorruptChunkWarning, match="chunk-000001.npz.*expected sha256"):
        resumed = run(tmp_path)
    assert not marker.exists()
    pd.testing.assert_frame_equal(resumed, fresh, check_exact=True)


def test_an_object_array_inside_a_matching_archive_is_refused():
    good = encode_frame(pd.DataFrame({"x": [1.0]}), fingerprint="f", index=0)
    bad = io.BytesIO()
    np.savez(bad, __meta__=np.array(json.dumps({"format": 2})), c0=np.array([object()]))
    with pytest.raises(DeterrenceError, match="not a readable checkpoint chunk"):
        decode_frame(bad.getvalue(), fingerprint="f", index=0)
    assert decode_frame(good, fingerprint="f", index=0)["x"].tolist() == [1.0]


@pytest.mark.parametrize("position", [0, 10, 100, 200, 400, 800, -200, -40, -10, -1])
def test_every_bit_flip_is_detected_named_and_recomputed(tmp_path, fresh, position):
    run(tmp_path)
    target = tmp_path / "chunk-000003.npz"
    data = bytearray(target.read_bytes())
    data[position] ^= 0x10
    target.write_bytes(bytes(data))
    with pytest.warns(CorruptChunkWarning) as caught:
        resumed = run(tmp_path)
    message = str(caught[0].message)
    assert "chunk-000003.npz" in message and "expected sha256" in message
    assert "found" in message
    pd.testing.assert_frame_equal(resumed, fresh, check_exact=True)
    with warnings.catch_warnings():  # the recomputed chunk is recorded again
        warnings.simplefilter("error")
        pd.testing.assert_frame_equal(run(tmp_path), fresh, check_exact=True)


def test_a_truncated_chunk_is_detected(tmp_path, fresh):
    run(tmp_path)
    target = tmp_path / "chunk-000000.npz"
    target.write_bytes(target.read_bytes()[:50])
    with pytest.warns(CorruptChunkWarning, match="found [0-9a-f]{64} \\(50 bytes\\)"):
        pd.testing.assert_frame_equal(run(tmp_path), fresh, check_exact=True)


def test_a_chunk_from_another_games_sweep_is_not_used(tmp_path, fresh):
    run(tmp_path / "other", game=other_game())
    run(tmp_path / "mine")
    for name in ("chunk-000002.npz", "chunk-000004.npz"):
        (tmp_path / "mine" / name).write_bytes((tmp_path / "other" / name).read_bytes())
    with pytest.warns(CorruptChunkWarning, match="chunk-000002.npz"):
        resumed = run(tmp_path / "mine")
    pd.testing.assert_frame_equal(resumed, fresh, check_exact=True)


def test_a_deleted_manifest_does_not_let_another_game_reuse_chunks(tmp_path):
    run(tmp_path)
    (tmp_path / "manifest.json").unlink()
    reused = run(tmp_path, game=other_game())
    expected = sweep(other_game(), GRID, progress=False)
    pd.testing.assert_frame_equal(reused, expected, check_exact=True)


def test_a_chunk_file_without_manifest_entry_is_recomputed(tmp_path, fresh):
    run(tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    del manifest["chunks"]["1"]
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    target = tmp_path / "chunk-000001.npz"
    target.write_bytes(b"garbage")
    pd.testing.assert_frame_equal(run(tmp_path), fresh, check_exact=True)
    assert target.read_bytes() != b"garbage"


@pytest.mark.parametrize(
    "change",
    [
        {"tol": 1e-6},
        {"fast": False},
        {"method": "support_enumeration"},
        {"exact": True},
    ],
)
def test_other_settings_or_options_are_another_sweep(tmp_path, change):
    run(tmp_path)
    with pytest.raises(DeterrenceError, match="belongs to a different sweep"):
        run(tmp_path, **change)


def test_old_pickle_checkpoints_are_refused_not_loaded(tmp_path):
    (tmp_path / "manifest.json").write_text(
        json.dumps({"fingerprint": "0" * 64, "num_chunks": 7, "format": 1})
    )
    with pytest.raises(DeterrenceError, match="format 1 held pickles"):
        run(tmp_path)


@pytest.mark.parametrize("text", ["{not json", "[]", '{"format": 2, "fingerprint": 3}'])
def test_an_unreadable_manifest_is_named(tmp_path, text):
    (tmp_path / "manifest.json").write_text(text)
    with pytest.raises(DeterrenceError, match="manifest|different sweep"):
        run(tmp_path)


def test_a_malformed_manifest_entry_is_named(tmp_path):
    run(tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    manifest["chunks"]["0"]["file"] = "../../etc/passwd"
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(DeterrenceError, match="malformed entry for chunk '0'"):
        run(tmp_path)


def test_categorical_columns_round_trip_with_their_categories():
    frame = pd.DataFrame(
        {
            "x": [0.25, 1.0, 2.0],
            "outcome": pd.Categorical(["b", "a", "b"], categories=["b", "a", "unused"]),
            "profile": pd.Categorical(["((1, 0), (0, 1))"] * 3),
            "rank": pd.Categorical([2, 1, 2], ordered=True),
            "label": ["p", None, "q"],
            "flag": [True, False, True],
            "count": np.array([1, 2, 3], dtype=np.int32),
        }
    )
    back = decode_frame(encode_frame(frame, fingerprint="f", index=5), fingerprint="f", index=5)
    pd.testing.assert_frame_equal(back, frame, check_exact=True)
    assert list(back["outcome"].cat.categories) == ["b", "a", "unused"]


def test_columns_of_arbitrary_objects_are_refused_by_name():
    frame = pd.DataFrame({"weird": [object(), object()]})
    with pytest.raises(DeterrenceError, match="cannot checkpoint column 'weird'"):
        encode_frame(frame, fingerprint="f", index=0)


def test_a_chunk_of_another_index_is_refused():
    data = encode_frame(pd.DataFrame({"x": [1.0]}), fingerprint="f", index=1)
    with pytest.raises(DeterrenceError, match="holds chunk 1"):
        decode_frame(data, fingerprint="f", index=2)


def test_loading_an_unrecorded_chunk_is_an_error(tmp_path):
    store = Checkpoint(tmp_path, "a" * 64, num_chunks=2)
    with pytest.raises(DeterrenceError, match="no finished chunk 1"):
        store.load(1)


def interrupt_after(monkeypatch, chunks, error):
    """Make the Parquet stream fail after ``chunks`` chunks were written."""
    original = ParquetSink.write
    written = []

    def write(self, frame):
        if len(written) == chunks:
            raise error
        written.append(1)
        original(self, frame)

    monkeypatch.setattr(ParquetSink, "write", write)


def test_an_interrupted_parquet_stream_leaves_no_file(tmp_path, monkeypatch):
    pytest.importorskip("pyarrow")
    target = tmp_path / "sweep.parquet"
    interrupt_after(monkeypatch, 2, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        sweep(coercion_game(), GRID, progress=False, chunk_size=5, out=target)
    assert not target.exists()
    assert not list(tmp_path.iterdir())


def test_an_interrupted_parquet_stream_keeps_the_previous_file(tmp_path, monkeypatch, fresh):
    pytest.importorskip("pyarrow")
    target = tmp_path / "sweep.parquet"
    sweep(coercion_game(), GRID, progress=False, chunk_size=5, out=target)
    before = target.read_bytes()
    interrupt_after(monkeypatch, 1, RuntimeError("worker lost"))
    with pytest.raises(RuntimeError, match="worker lost"):
        sweep(coercion_game(), GRID, progress=False, chunk_size=5, out=target)
    assert target.read_bytes() == before
    assert pd.read_parquet(target).shape[0] == len(fresh)


def test_parquet_sink_commits_inside_a_callers_except_block(tmp_path):
    pytest.importorskip("pyarrow")
    target = tmp_path / "rows.parquet"
    try:
        raise ValueError("the caller's own, already handled")
    except ValueError:
        sink = ParquetSink(target)
        sink.write(pd.DataFrame({"x": [1.0], "outcome": pd.Categorical(["a"])}))
        sink.close()
    assert pd.read_parquet(target)["outcome"].tolist() == ["a"]


def test_parquet_sink_abort_discards(tmp_path):
    pytest.importorskip("pyarrow")
    sink = ParquetSink(tmp_path / "rows.parquet")
    sink.write(pd.DataFrame({"x": [1.0]}))
    sink.abort()
    sink.close()
    assert not list(tmp_path.iterdir())
