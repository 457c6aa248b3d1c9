import pytest

from narrascope.pipeline import Pipeline, Stage, check_order
from narrascope.records import Document


class Upper(Stage):
    name = "upper"
    requires = ("raw",)
    assigns = ("text",)

    def apply(self, doc: Document) -> Document:
        if doc.raw == "boom":
            raise RuntimeError("cannot shout")
        doc.text = (doc.raw or "").upper()
        return doc


class NeedsThemes(Stage):
    name = "needs-themes"
    requires = ("themes",)


class CountSetups(Upper):
    name = "count"
    setups = 0

    def setup(self) -> None:
        CountSetups.setups += 1


def test_failing_document_is_quarantined_and_the_rest_go_on() -> None:
    docs = [
        Document(id=str(i), source=f"doc{i}", raw=raw) for i, raw in enumerate(["a", "boom", "c"])
    ]
    result = Pipeline([Upper()]).run(docs)
    assert [doc.text for doc in result.documents] == ["A", "C"]
    [failure] = result.failures
    assert (failure.source, failure.stage, failure.doc_id) == ("doc1", "upper", "1")
    assert failure.reason == "RuntimeError: cannot shout"


def test_stage_reading_an_unassigned_field_is_refused() -> None:
    with pytest.raises(ValueError, match="needs-themes"):
        check_order([Upper(), NeedsThemes()])


def test_models_load_once_per_pipeline() -> None:
    pipeline = Pipeline([CountSetups()])
    for _ in range(3):
        pipeline.run([Document(id="x", source="x", raw="x")])
    assert CountSetups.setups == 1
    assert pipeline.timings["count"].docs == 3
