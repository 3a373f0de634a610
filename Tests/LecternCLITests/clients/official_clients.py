"""Drives `lectern-query serve` with the official `qdrant-client` and `openai` packages, used
the way a tutor's notebook would use them, and prints one JSON line per check:

    {"check": NAME, "ok": true|false, "detail": TEXT}

then a final {"versions": {...}} line. Exits 1 if any check failed, so the Swift test
(ServeClientsTests) can assert on the exit status and on which checks ran.

Usage: official_clients.py open PORT          (a server without a token)
       official_clients.py token PORT TOKEN   (a server started with LECTERN_TOKEN=TOKEN)
"""

import base64
import json
import math
import sys
import traceback
import warnings
from importlib import metadata

import numpy as np
import openai
from qdrant_client import QdrantClient, models
from qdrant_client.http.exceptions import UnexpectedResponse

COLLECTION = "lesson_chunks"
QUESTION = "How do I undo my last commit?"
COURSE, LESSON = "git-basics", "9a7f3c1d20"
TEXTS = ["How do I undo my last commit?", "What is a Python list?", "été, naïve café ☕"]

failures = 0


def report(name, ok, detail=""):
    global failures
    if not ok:
        failures += 1
    print(json.dumps({"check": name, "ok": bool(ok), "detail": str(detail)[:500]}), flush=True)


def check(name):
    """Runs the decorated function at once as one check: an exception is a failure with its
    traceback, a returned (ok, detail) pair is the verdict."""
    def run(function):
        try:
            ok, detail = function()
        except Exception as error:  # any client error is the finding, not a crash of the script
            ok, detail = False, f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=3)}"
        report(name, ok, detail)
        return function
    return run


def unit(vector):
    return len(vector) == 384 and abs(math.sqrt(sum(x * x for x in vector)) - 1) < 1e-4


def payloads(points):
    return [p.payload or {} for p in points]


def open_server(port):
    base = f"http://127.0.0.1:{port}"
    ai = openai.OpenAI(base_url=base + "/v1", api_key="x")
    # The server reports an older Qdrant version than the client's; that mismatch only warns.
    qdrant = QdrantClient(url=base)

    vectors = {}

    @check("openai.float")
    def _():
        answer = ai.embeddings.create(model="all-MiniLM-L6-v2", input=TEXTS, encoding_format="float")
        vectors["float"] = [d.embedding for d in answer.data]
        indices = [d.index for d in answer.data]
        ok = indices == [0, 1, 2] and all(unit(v) for v in vectors["float"]) and answer.usage.total_tokens > 0
        return ok, f"indices {indices}, norms {[round(float(np.linalg.norm(v)), 6) for v in vectors['float']]}, usage {answer.usage}"

    @check("openai.base64")
    def _():
        # Asked for explicitly, the client hands the base64 text back as it came.
        answer = ai.embeddings.create(model="sentence-transformers/all-MiniLM-L6-v2", input=TEXTS, encoding_format="base64")
        raw = [d.embedding for d in answer.data]
        if not all(isinstance(r, str) for r in raw):
            return False, f"expected base64 strings, got {[type(r).__name__ for r in raw]}"
        vectors["base64"] = [np.frombuffer(base64.b64decode(r), dtype="<f4").astype(float).tolist() for r in raw]
        return all(unit(v) for v in vectors["base64"]), f"{len(raw)} vectors of {[len(v) for v in vectors['base64']]}"

    @check("openai.default_format")
    def _():
        # With no format given the client asks for base64 and decodes it itself.
        answer = ai.embeddings.create(model="all-MiniLM-L6-v2", input=TEXTS)
        vectors["default"] = [list(d.embedding) for d in answer.data]
        return all(unit(v) for v in vectors["default"]), f"{[len(v) for v in vectors['default']]}"

    @check("openai.formats_agree")
    def _():
        if len(vectors) != 3:
            return False, f"missing formats: have {sorted(vectors)}"
        worst = max(float(np.max(np.abs(np.array(vectors[f]) - np.array(vectors["float"])))) for f in ("base64", "default"))
        return worst <= 1e-6, f"largest difference {worst:.3g}"

    @check("openai.single_string")
    def _():
        answer = ai.embeddings.create(model="all-MiniLM-L6-v2", input=TEXTS[0])
        one = list(answer.data[0].embedding)
        same = "float" in vectors and max(abs(a - b) for a, b in zip(one, vectors["float"][0])) <= 1e-6
        return len(answer.data) == 1 and same, f"{len(answer.data)} item(s)"

    @check("openai.unknown_model")
    def _():
        try:
            ai.embeddings.create(model="text-embedding-3-small", input="x")
        except openai.NotFoundError as error:
            return error.status_code == 404, f"{error.status_code}: {error.message}"
        return False, "no error for a model the server does not have"

    @check("qdrant.get_collections")
    def _():
        names = [c.name for c in qdrant.get_collections().collections]
        return names == [COLLECTION], f"{names}"

    @check("qdrant.get_collection")
    def _():
        info = qdrant.get_collection(COLLECTION)
        params = info.config.params.vectors
        ok = info.points_count == 140 and params.size == 384 and params.distance == models.Distance.COSINE
        return ok, f"points {info.points_count}, size {params.size}, distance {params.distance}, status {info.status}"

    @check("qdrant.collection_exists")
    def _():
        yes, no = qdrant.collection_exists(COLLECTION), qdrant.collection_exists("no_such_collection")
        return yes is True and no is False, f"{yes}, {no}"

    question = ai.embeddings.create(model="all-MiniLM-L6-v2", input=QUESTION).data[0].embedding

    def must(**wanted):
        return models.Filter(must=[models.FieldCondition(key=k, match=models.MatchValue(value=v)) for k, v in wanted.items()])

    @check("qdrant.query_points.unfiltered")
    def _():
        points = qdrant.query_points(COLLECTION, query=question, limit=5, with_payload=True).points
        first = payloads(points)[0] if points else {}
        scores = [p.score for p in points]
        ok = len(points) == 5 and first.get("course") == COURSE and first.get("lesson") == LESSON and scores == sorted(scores, reverse=True)
        return ok, f"first {first.get('course')}/{first.get('lesson')}, scores {scores}"

    @check("qdrant.query_points.course_and_lesson")
    def _():
        points = qdrant.query_points(COLLECTION, query=question, query_filter=must(course=COURSE, lesson=LESSON),
                                     limit=4, with_payload=True).points
        seen = {(p.get("course"), p.get("lesson")) for p in payloads(points)}
        return len(points) >= 1 and seen == {(COURSE, LESSON)}, f"{len(points)} points from {seen}"

    @check("qdrant.query_points.course_only")
    def _():
        points = qdrant.query_points(COLLECTION, query=question, query_filter=must(course=COURSE), limit=8, with_payload=True).points
        found = payloads(points)
        ok = len(found) == 8 and {p.get("course") for p in found} == {COURSE} and found[0].get("lesson") == LESSON
        return ok, f"courses {sorted({p.get('course') for p in found})}, first lesson {found[0].get('lesson') if found else None}"

    @check("qdrant.query_points.other_course")
    def _():
        # The filter must hold even when the best matches are elsewhere.
        points = qdrant.query_points(COLLECTION, query=question, query_filter=must(course="intro-python"), limit=5, with_payload=["course", "title"]).points
        found = payloads(points)
        ok = len(found) == 5 and {p.get("course") for p in found} == {"intro-python"} and all(set(p) == {"course", "title"} for p in found)
        return ok, f"{[(p.get('course'), sorted(p)) for p in found][:2]}"

    @check("qdrant.query_points.unknown_lesson")
    def _():
        points = qdrant.query_points(COLLECTION, query=question, query_filter=must(course=COURSE, lesson="no-such-lesson"), limit=5).points
        return points == [], f"{len(points)} points"

    if hasattr(qdrant, "search"):  # removed from newer clients; tutors on older ones still call it
        @check("qdrant.search.course_and_lesson")
        def _():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                points = qdrant.search(COLLECTION, query_vector=question, query_filter=must(course=COURSE, lesson=LESSON), limit=3)
            seen = {(p.get("course"), p.get("lesson")) for p in payloads(points)}
            return len(points) >= 1 and seen == {(COURSE, LESSON)}, f"{len(points)} points from {seen}"
    else:
        report("qdrant.search.absent", True, f"qdrant-client {metadata.version('qdrant-client')} has no search()")

    @check("qdrant.upsert_refused")
    def _():
        try:
            qdrant.upsert(COLLECTION, points=[models.PointStruct(id=1, vector=question, payload={"course": "x"})])
        except UnexpectedResponse as error:
            text = error.content.decode("utf-8", "replace")
            return error.status_code == 403 and "read-only" in text, f"{error.status_code}: {text}"
        return False, "upsert was accepted"

    @check("qdrant.delete_collection_refused")
    def _():
        try:
            qdrant.delete_collection(COLLECTION)
        except UnexpectedResponse as error:
            return error.status_code == 403 and b"read-only" in error.content, f"{error.status_code}"
        return False, "delete_collection did not raise"

    @check("qdrant.collection_still_there")
    def _():
        return qdrant.get_collection(COLLECTION).points_count == 140, "after the refused writes"


def token_server(port, token):
    base = f"http://127.0.0.1:{port}"
    warnings.simplefilter("ignore")  # "Api key is used with an insecure connection": it is loopback

    @check("token.openai.with_key")
    def _():
        answer = openai.OpenAI(base_url=base + "/v1", api_key=token).embeddings.create(model="all-MiniLM-L6-v2", input=QUESTION)
        return unit(list(answer.data[0].embedding)), "embedded"

    @check("token.openai.wrong_key")
    def _():
        try:
            openai.OpenAI(base_url=base + "/v1", api_key="not-the-token").embeddings.create(model="all-MiniLM-L6-v2", input=QUESTION)
        except openai.AuthenticationError as error:
            return error.status_code == 401, f"{error.status_code}"
        return False, "accepted a wrong key"

    @check("token.qdrant.with_key")
    def _():
        qdrant = QdrantClient(url=base, api_key=token)
        vector = openai.OpenAI(base_url=base + "/v1", api_key=token).embeddings.create(model="all-MiniLM-L6-v2", input=QUESTION).data[0].embedding
        names = [c.name for c in qdrant.get_collections().collections]
        points = qdrant.query_points(COLLECTION, query=vector, limit=3, with_payload=True,
                                     query_filter=models.Filter(must=[models.FieldCondition(key="course", match=models.MatchValue(value=COURSE))])).points
        ok = names == [COLLECTION] and len(points) == 3 and payloads(points)[0].get("lesson") == LESSON
        return ok, f"{names}, {len(points)} points"

    @check("token.qdrant.without_key")
    def _():
        try:
            QdrantClient(url=base).get_collections()
        except UnexpectedResponse as error:
            return error.status_code == 401, f"{error.status_code}"
        return False, "answered without a key"

    @check("token.qdrant.wrong_key")
    def _():
        try:
            QdrantClient(url=base, api_key="not-the-token").query_points(COLLECTION, query=[0.05] * 384, limit=1)
        except UnexpectedResponse as error:
            return error.status_code == 401, f"{error.status_code}"
        return False, "answered with a wrong key"


def main():
    mode, port = sys.argv[1], int(sys.argv[2])
    if mode == "open":
        open_server(port)
    elif mode == "token":
        token_server(port, sys.argv[3])
    else:
        sys.exit(f"unknown mode {mode}")
    print(json.dumps({"versions": {name: metadata.version(name) for name in ("qdrant-client", "openai", "numpy", "httpx")}}), flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
