"""Sweep checkpoints and Parquet output that cannot lie or run code.

A checkpoint is a directory holding ``manifest.json`` and one file per finished chunk of a
sweep. The manifest records a *fingerprint* of the sweep (the game, the grid, the method,
the tolerance and every solver option, and the library version) and, for each finished
chunk, its file name, size and SHA-256 content hash. Chunks are stored as NumPy ``.npz``
archives read with ``allow_pickle=False``: loading a chunk never runs code.

The guarantees, each tested in ``tests/analysis/test_checkpoints.py``:

* a chunk is used only if the manifest lists it and its bytes hash to the recorded value;
  a corrupted chunk is reported (a :class:`CorruptChunkWarning` naming the file, the
  expected and the found hash) and recomputed;
* a chunk also carries the fingerprint and its own index, so a chunk copied from another
  sweep, or left behind after ``manifest.json`` was deleted, is never reused: chunks the
  manifest does not list are recomputed and overwritten;
* chunk files and the manifest are written to temporary names, flushed to disk and renamed,
  so an interrupted write leaves the previous state intact;
* :class:`ParquetSink` streams to a temporary file beside the target and renames it only
  when the sweep finished, so an interrupted sweep never leaves a truncated file at the
  final path.

Categorical columns (any of them, such as ``outcome``) are stored as their codes and
their categories and restored exactly, category order included.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import sys
import warnings
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from deterrence.exceptions import DeterrenceError, MissingDependencyError

__all__ = ["Checkpoint", "CorruptChunkWarning", "ParquetSink", "game_fingerprint"]

FORMAT = 2
_MANIFEST = "manifest.json"


class CorruptChunkWarning(RuntimeWarning):
    """A checkpoint chunk did not match its recorded hash and will be recomputed.

    The message names the chunk file and the expected and found SHA-256 hashes and sizes;
    the chunk is dropped from the manifest, so the sweep solves its points again.

    Examples
    --------
    A chunk overwritten after it was saved:

    >>> import tempfile, warnings
    >>> import pandas as pd
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     store = Checkpoint(folder, "f" * 64, num_chunks=2)
    ...     store.save(0, pd.DataFrame({"x": [1.5]}))
    ...     _ = store.chunk_path(0).write_bytes(b"garbage")
    ...     with warnings.catch_warnings(record=True) as caught:
    ...         warnings.simplefilter("always")
    ...         done = Checkpoint(folder, "f" * 64, num_chunks=2).done()
    >>> done, caught[0].category is CorruptChunkWarning
    (set(), True)
    >>> print(caught[0].message)
    checkpoint chunk '...chunk-000000.npz' is corrupt: expected sha256 ... (... bytes),
    found ... (7 bytes); recomputing it
    """


# ---------------------------------------------------------------------- fingerprints
def game_fingerprint(
    game: Any,
    method: str,
    tol: float,
    fast: Any,
    chunk_size: int,
    options: Mapping[str, Any] | None = None,
) -> str:
    """SHA-256 fingerprint of everything that determines a sweep's chunks (but the grid).

    Parameters
    ----------
    game : ParametricGame or ParametricAnonymousGame
        The swept game; its kind and public attributes (payoff expressions exactly, floats
        to the last bit; parameter names, defaults and domains; players, strategies)
        enter the fingerprint.
    method, tol, fast, chunk_size
        The sweep's settings.
    options : mapping, optional
        Solver options passed through the sweep; they enter the fingerprint.

    Returns
    -------
    str
        64 hexadecimal digits. The library version is included, so a checkpoint written by
        another version of :mod:`deterrence` is not reused.

    Examples
    --------
    >>> from deterrence.models import prisoners_dilemma
    >>> game = prisoners_dilemma()
    >>> a = game_fingerprint(game, "auto", 1e-9, None, 100)
    >>> a == game_fingerprint(game, "auto", 1e-9, None, 100)
    True
    >>> a == game_fingerprint(game, "auto", 1e-9, None, 100, {"exact": True})
    False
    """
    from deterrence.version import __version__

    settings = sorted((str(k), _canonical(v)) for k, v in (options or {}).items())
    text = repr(
        (
            FORMAT,
            __version__,
            _canonical(game),
            method,
            repr(tol),
            repr(fast),
            int(chunk_size),
            settings,
        )
    )
    return hashlib.sha256(text.encode()).hexdigest()


def _canonical(value: Any) -> str:
    """A text that determines ``value`` exactly (floats to the last bit, sympy by srepr).

    Objects are described by their public attributes, recursively; private attributes
    (caches) are left out, and an object whose ``repr`` is only its identity (``<... at
    0x...>``, such as a payoff callable) by its type alone: the data it produced (an
    anonymous game's ``table``) is described instead.
    """
    import sympy

    if value is None or isinstance(value, (bool, int, str)):
        return repr(value)
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    if isinstance(value, np.integer):
        return repr(int(value))
    if isinstance(value, Fraction):
        return f"Fraction({value})"
    if isinstance(value, sympy.Basic):
        return sympy.srepr(value)
    if isinstance(value, np.ndarray):
        body = ",".join(_canonical(v) for v in value.reshape(-1).tolist())
        return f"array({value.shape},{value.dtype},[{body}])"
    if isinstance(value, (tuple, list)):
        return "(" + ",".join(_canonical(v) for v in value) + ")"
    if isinstance(value, Mapping):
        items = sorted((_canonical(k), _canonical(v)) for k, v in value.items())
        return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
    kind = f"{type(value).__module__}.{type(value).__qualname__}"
    if dataclasses.is_dataclass(value) or hasattr(value, "__dict__"):
        attributes = (
            vars(value)
            if hasattr(value, "__dict__")
            else {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        )
        public = {k: v for k, v in attributes.items() if not k.startswith("_")}
        if public:
            return kind + _canonical(public)
    text = repr(value)
    return kind if " at 0x" in text else text


# ---------------------------------------------------------------------- atomic files
def _write_temporary(target: Path, data: bytes) -> Path:
    """Write ``data`` beside ``target`` under a temporary name, flushed to disk."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return temporary


def _write_atomically(target: Path, data: bytes) -> None:
    temporary = _write_temporary(target, data)
    try:
        os.replace(temporary, target)
    finally:
        if temporary.exists():
            temporary.unlink()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------------- frame <-> npz
def _plain_array(values: Any, column: str) -> tuple[np.ndarray, np.ndarray | None]:
    """A numpy array without objects (text becomes unicode) and a mask of missing text."""
    array = np.asarray(values)
    if array.dtype.kind in "biufcUSmM":
        return array, None
    if array.dtype.kind == "O":
        missing = np.array(
            [v is None or (isinstance(v, float) and v != v) for v in array], dtype=bool
        )
        if all(isinstance(v, str) for v, m in zip(array, missing) if not m):
            text = np.array(["" if m else v for v, m in zip(array, missing)], dtype=str)
            return text, (missing if missing.any() else None)
    kinds = sorted({type(v).__name__ for v in np.asarray(values, dtype=object).ravel()})
    raise DeterrenceError(
        f"cannot checkpoint column {column!r}: it holds {', '.join(kinds)} values; "
        "only numbers, booleans, text and categoricals of these are stored"
    )


def encode_frame(frame: pd.DataFrame, *, fingerprint: str, index: int) -> bytes:
    """Serialise a chunk frame to ``.npz`` bytes (no pickles), tagged with its sweep.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"x": [0.5, 1.0], "outcome": pd.Categorical(["a", "b"])})
    >>> data = encode_frame(frame, fingerprint="f", index=3)
    >>> decode_frame(data, fingerprint="f", index=3).equals(frame)
    True
    """
    arrays: dict[str, np.ndarray] = {}
    columns = []
    for number, name in enumerate(frame.columns):
        series = frame[name]
        key = f"c{number}"
        entry: dict[str, Any] = {"name": str(name), "key": key}
        if isinstance(series.dtype, pd.CategoricalDtype):
            categories, missing = _plain_array(series.cat.categories, str(name))
            arrays[key + ".codes"] = np.asarray(series.cat.codes)
            arrays[key + ".categories"] = categories
            entry.update(
                kind="categorical",
                ordered=bool(series.cat.ordered),
                categories_dtype=str(series.cat.categories.dtype),
            )
        else:
            values, missing = _plain_array(series.to_numpy(), str(name))
            arrays[key] = values
            entry.update(kind="array", dtype=str(series.dtype))
        if missing is not None:
            arrays[key + ".missing"] = missing
        columns.append(entry)
    meta = {
        "format": FORMAT,
        "fingerprint": fingerprint,
        "index": int(index),
        "rows": int(len(frame)),
        "columns": columns,
    }
    arrays["__meta__"] = np.array(json.dumps(meta))
    buffer = io.BytesIO()
    np.savez(buffer, allow_pickle=False, **arrays)  # type: ignore[arg-type]
    return buffer.getvalue()


def _restore(values: np.ndarray, missing: np.ndarray | None, dtype: str) -> Any:
    if values.dtype.kind == "U":
        restored = values.astype(object)
        if missing is not None:
            restored[missing] = None
        return restored if dtype == "object" else pd.array(restored, dtype=dtype)
    return values


def decode_frame(data: bytes, *, fingerprint: str, index: int) -> pd.DataFrame:
    """Read a chunk written by :func:`encode_frame`, checking it belongs to this sweep.

    Raises
    ------
    DeterrenceError
        The bytes are not a chunk, or belong to another sweep or chunk index.

    Examples
    --------
    >>> import pandas as pd
    >>> data = encode_frame(pd.DataFrame({"x": [1]}), fingerprint="f", index=0)
    >>> decode_frame(data, fingerprint="g", index=0)
    Traceback (most recent call last):
    ...
    deterrence.exceptions.DeterrenceError: chunk 0 belongs to another sweep ...
    """
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            stored = {name: archive[name] for name in archive.files}
        meta = json.loads(str(stored["__meta__"]))
    except Exception as error:  # any unreadable archive is one kind of failure here
        raise DeterrenceError(
            f"chunk {index} is not a readable checkpoint chunk: {error}"
        ) from None
    if meta.get("fingerprint") != fingerprint or meta.get("format") != FORMAT:
        raise DeterrenceError(
            f"chunk {index} belongs to another sweep (fingerprint "
            f"{str(meta.get('fingerprint'))[:12]}..., expected "
            f"{fingerprint[:12]}...)"
        )
    if meta.get("index") != index:
        raise DeterrenceError(f"chunk file for index {index} holds chunk {meta.get('index')}")
    columns: dict[str, Any] = {}
    for entry in meta["columns"]:
        key = entry["key"]
        missing = stored.get(key + ".missing")
        if entry["kind"] == "categorical":
            categories = _restore(stored[key + ".categories"], missing, entry["categories_dtype"])
            columns[entry["name"]] = pd.Categorical.from_codes(
                stored[key + ".codes"],
                categories=pd.Index(categories, dtype=entry["categories_dtype"]),
                ordered=entry["ordered"],
            )
        else:
            columns[entry["name"]] = _restore(stored[key], missing, entry["dtype"])
    frame = pd.DataFrame(columns, index=pd.RangeIndex(meta["rows"]))
    if not columns:
        frame = pd.DataFrame(index=pd.RangeIndex(meta["rows"]))
    return frame


# ---------------------------------------------------------------------- the checkpoint
class Checkpoint:
    """A directory of finished sweep chunks, each verified by hash before reuse.

    Parameters
    ----------
    path : path
        The directory (created if missing).
    fingerprint : str
        The sweep's fingerprint (:func:`game_fingerprint` combined with the grid's).
    num_chunks : int
        How many chunks the sweep has.

    Raises
    ------
    DeterrenceError
        The directory belongs to another sweep, was written by an older, pickle-based
        version, or its manifest is unreadable.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> folder = tempfile.mkdtemp()
    >>> store = Checkpoint(folder, "f" * 64, num_chunks=2)
    >>> store.save(0, pd.DataFrame({"x": [1.5]}))
    >>> sorted(store.done())
    [0]
    >>> Checkpoint(folder, "f" * 64, num_chunks=2).load(0)
         x
    0  1.5
    """

    def __init__(self, path: str | os.PathLike, fingerprint: str, num_chunks: int) -> None:
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.fingerprint = fingerprint
        self.num_chunks = int(num_chunks)
        manifest = self.path / _MANIFEST
        self.chunks: dict[int, dict[str, Any]] = {}
        if manifest.exists():
            saved = self._read_manifest(manifest)
            if (saved.get("fingerprint"), saved.get("num_chunks")) != (
                fingerprint,
                self.num_chunks,
            ):
                raise DeterrenceError(
                    f"checkpoint {str(self.path)!r} belongs to a different sweep (another "
                    "game, grid, method, tolerance, options or chunk size); pass a new "
                    "checkpoint path or delete it"
                )
            self.chunks = self._valid_entries(saved.get("chunks", {}), manifest)
        else:
            self._write_manifest()

    # -- manifest
    def _read_manifest(self, manifest: Path) -> dict[str, Any]:
        try:
            saved = json.loads(manifest.read_text())
        except (OSError, ValueError) as error:
            raise DeterrenceError(
                f"checkpoint manifest {str(manifest)!r} is unreadable "
                f"({error}); delete the checkpoint directory"
            ) from None
        if not isinstance(saved, dict):
            raise DeterrenceError(f"checkpoint manifest {str(manifest)!r} is not a JSON object")
        if saved.get("format") != FORMAT:
            raise DeterrenceError(
                f"checkpoint {str(self.path)!r} was written in format {saved.get('format')!r} "
                f"(this version reads format {FORMAT}; format 1 held pickles, which are never "
                "loaded); pass a new checkpoint path or delete it"
            )
        return saved

    def _valid_entries(self, entries: Any, manifest: Path) -> dict[int, dict[str, Any]]:
        chunks: dict[int, dict[str, Any]] = {}
        if not isinstance(entries, dict):
            raise DeterrenceError(
                f"checkpoint manifest {str(manifest)!r}: 'chunks' is not an object"
            )
        for key, entry in entries.items():
            ok = (
                isinstance(entry, dict)
                and str(key).isdigit()
                and int(key) < self.num_chunks
                and entry.get("file") == self.chunk_path(int(key)).name
                and isinstance(entry.get("sha256"), str)
                and len(entry["sha256"]) == 64
                and isinstance(entry.get("bytes"), int)
            )
            if not ok:
                raise DeterrenceError(
                    f"checkpoint manifest {str(manifest)!r} has a malformed "
                    f"entry for chunk {key!r}; delete the checkpoint"
                )
            chunks[int(key)] = entry
        return chunks

    def _write_manifest(self) -> None:
        info = {
            "format": FORMAT,
            "fingerprint": self.fingerprint,
            "num_chunks": self.num_chunks,
            "chunks": {str(i): self.chunks[i] for i in sorted(self.chunks)},
        }
        _write_atomically(self.path / _MANIFEST, json.dumps(info, indent=1).encode())

    # -- chunks
    def chunk_path(self, index: int) -> Path:
        """The file of chunk ``index``."""
        return self.path / f"chunk-{index:06d}.npz"

    def _verified_bytes(self, index: int) -> bytes | str:
        """The chunk's bytes if they match the manifest, else a description of the fault."""
        entry = self.chunks[index]
        target = self.chunk_path(index)
        if not target.exists():
            return ""  # recorded, but killed before the file arrived: just recompute
        try:
            size = target.stat().st_size
            if size == entry["bytes"]:
                data = target.read_bytes()
                found = _sha256(data)
            else:  # hash without holding a file of unexpected size in memory
                digest = hashlib.sha256()
                with open(target, "rb") as handle:
                    for block in iter(lambda: handle.read(1 << 20), b""):
                        digest.update(block)
                found = digest.hexdigest()
        except OSError as error:
            return f"checkpoint chunk {str(target)!r} cannot be read: {error}"
        if found != entry["sha256"] or size != entry["bytes"]:
            return (
                f"checkpoint chunk {str(target)!r} is corrupt: expected sha256 "
                f"{entry['sha256']} ({entry['bytes']} bytes), found {found} "
                f"({size} bytes)"
            )
        return data

    def done(self) -> set[int]:
        """Indices of chunks that are recorded and intact.

        A recorded chunk whose file is missing or whose hash does not match is dropped from
        the manifest (with a :class:`CorruptChunkWarning` naming the file and both hashes)
        so that the sweep recomputes it.
        """
        bad = []
        for index in sorted(self.chunks):
            outcome = self._verified_bytes(index)
            if isinstance(outcome, str):
                bad.append(index)
                if outcome:
                    warnings.warn(outcome + "; recomputing it", CorruptChunkWarning, stacklevel=2)
        for index in bad:
            del self.chunks[index]
        if bad:
            self._write_manifest()
        return set(self.chunks)

    def load(self, index: int) -> pd.DataFrame:
        """Read chunk ``index`` after checking its hash, fingerprint and index.

        Raises
        ------
        DeterrenceError
            The chunk is not recorded, or changed since :meth:`done` checked it.
        """
        if index not in self.chunks:
            raise DeterrenceError(f"checkpoint {str(self.path)!r} has no finished chunk {index}")
        data = self._verified_bytes(index)
        if isinstance(data, str):
            raise DeterrenceError(data or f"checkpoint chunk {index} is missing")
        return decode_frame(data, fingerprint=self.fingerprint, index=index)

    def save(self, index: int, frame: pd.DataFrame) -> None:
        """Write chunk ``index`` atomically, then record its hash in the manifest."""
        data = encode_frame(frame, fingerprint=self.fingerprint, index=index)
        target = self.chunk_path(index)
        # The manifest entry is recorded before the file takes its final name: a chunk
        # file at its final name is always listed (so resuming reuses it), and an entry
        # whose file never arrived is simply recomputed.
        temporary = _write_temporary(target, data)
        try:
            self.chunks[index] = {"file": target.name, "sha256": _sha256(data), "bytes": len(data)}
            self._write_manifest()
            os.replace(temporary, target)
        finally:
            if temporary.exists():
                temporary.unlink()


# ---------------------------------------------------------------------- Parquet
class ParquetSink:
    """Append chunks, in order, to one Parquet file, published only when complete.

    Rows go to a temporary file beside ``path``; :meth:`commit` renames it to ``path``,
    :meth:`abort` removes it. :meth:`close` commits unless an exception raised after the
    sink was created is propagating (so ``try: ... finally: sink.close()`` publishes only
    finished sweeps). Categorical columns are written as text.

    Parameters
    ----------
    path : path
        The final Parquet file.

    Raises
    ------
    MissingDependencyError
        pyarrow is not installed.

    Examples
    --------
    >>> import tempfile, os, pandas as pd
    >>> target = os.path.join(tempfile.mkdtemp(), "rows.parquet")
    >>> sink = ParquetSink(target)
    >>> sink.write(pd.DataFrame({"x": [1.0], "outcome": pd.Categorical(["a"])}))
    >>> os.path.exists(target)
    False
    >>> sink.close()
    >>> pd.read_parquet(target)["outcome"].tolist()
    ['a']
    """

    def __init__(self, path: str | os.PathLike) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:  # pragma: no cover - exercised only without pyarrow
            raise MissingDependencyError(
                "writing sweeps to Parquet needs pyarrow: pip install 'deterrence[parquet]'"
            ) from None
        self.pa, self.pq = pa, pq
        self.path = Path(path)
        self.temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.part")
        self.writer: Any = None
        self.schema: Any = None
        self._exception_at_start = sys.exc_info()[1]
        self._closed = False

    def write(self, frame: pd.DataFrame) -> None:
        """Append one chunk (categorical columns as text)."""
        frame = frame.copy()
        for name in frame.columns:
            if isinstance(frame[name].dtype, pd.CategoricalDtype):
                frame[name] = frame[name].astype(str)
        table = self.pa.Table.from_pandas(frame, preserve_index=False)
        if self.writer is None:
            self.schema = table.schema
            self.writer = self.pq.ParquetWriter(self.temporary, self.schema)
        self.writer.write_table(table.cast(self.schema))

    def commit(self) -> None:
        """Finish the file and move it to its final path."""
        if self._closed:
            return
        self._closed = True
        if self.writer is not None:
            self.writer.close()
            os.replace(self.temporary, self.path)

    def abort(self) -> None:
        """Discard the partial file; the final path is left untouched."""
        if self._closed:
            return
        self._closed = True
        if self.writer is not None:
            self.writer.close()
        if self.temporary.exists():
            self.temporary.unlink()

    def close(self) -> None:
        """Commit, or abort if an exception raised since construction is propagating."""
        current = sys.exc_info()[1]
        if current is not None and current is not self._exception_at_start:
            self.abort()
        else:
            self.commit()
