from reportgen.model.schema import Measure, SelfAssessment
from reportgen.model.schemadoc import schema_markdown
from support import ROOT

DOC = ROOT / "docs" / "schema.md"


def test_schema_doc_is_up_to_date():
    assert DOC.read_text(encoding="utf-8") == schema_markdown(), (
        "docs/schema.md is stale: run `uv run python -m reportgen.model.schemadoc > docs/schema.md`"
    )


def test_every_field_has_a_chinese_name_in_the_doc():
    doc = schema_markdown()
    for model in (SelfAssessment, Measure):
        for key, field in model.model_fields.items():
            assert field.title, f"{model.__name__}.{key} has no Chinese title"
            assert f"| `{key}` | {field.title} |" in doc
