# ruff: noqa: E501  (one line per corpus file keeps the snapshot readable)
"""The corpus findings judged TRUE (docs/precision-sample.md) stay reported by default.

A snapshot of recall: a later change that makes a default finding disappear from a real
list fails here (one test per file); update the snapshot only with a judged reason.
Grouped findings are matched by their first place.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import corpus_readmes, read

import vrlint
from vrlint.config import Config
from vrlint.engine import lint

TRUE_FINDINGS: dict[str, list[tuple[int, str]]] = {
    "AIDASLab__Awesome-Diffusion-LLM.md": [(403, "VR701"), (404, "VR701")],
    "ActiveVisionLab__Awesome-LLM-3D.md": [(23, "VR601"), (153, "VR701")],
    "ChunmingHe__awesome-multimodal-large-language-models-in-low-level-vision.md": [(44, "VR410"), (121, "VR701"), (269, "VR410")],
    "EIT-NLP__Awesome-MLLM-Compression.md": [(214, "VR201")],
    "HITsz-TMG__Awesome-Large-Multimodal-Reasoning-Models.md": [(67, "VR601"), (81, "VR601"), (83, "VR601"), (174, "VR701")],
    "Kedreamix__Awesome-Talking-Head-Synthesis.md": [(86, "VR701"), (542, "VR701"), (790, "VR407")],
    "LJungang__Awesome-Video-Reasoning-Landscape.md": [(30, "VR601"), (318, "VR411"), (328, "VR401")],
    "OpenEnvision__Awesome-Multimodal-Modeling.md": [(24, "VR302"), (28, "VR601"), (143, "VR601"), (315, "VR601"), (338, "VR701"), (359, "VR701"), (393, "VR101"), (410, "VR204"), (427, "VR601"), (472, "VR101"), (494, "VR101"), (560, "VR601"), (724, "VR601"), (724, "VR601"), (824, "VR601")],
    "Steve2457__Awesome-RL-GUI-Agents.md": [(17, "VR601"), (18, "VR601"), (19, "VR601"), (353, "VR701")],
    "Tebmer__Awesome-Knowledge-Distillation-of-LLMs.md": [(81, "VR402"), (289, "VR203"), (345, "VR701")],
    "Video-R1__Awesome-Multimodal-Reasoning.md": [(26, "VR403"), (71, "VR701")],
    "aoraki-labs-ai__Awesome-Video-AI-Research.md": [(190, "VR701")],
    "friedrichor__Awesome-Multimodal-Papers.md": [(261, "VR305"), (293, "VR401"), (411, "VR401"), (458, "VR101"), (484, "VR101")],
    "he-y__Awesome-Pruning.md": [(113, "VR406")],
    "jingyi0000__VLM_survey.md": [(328, "VR701"), (389, "VR701"), (529, "VR701")],
    "ki-lw__Awesome-MLLMs-for-Video-Temporal-Grounding.md": [(235, "VR406")],
    "kimberlyii__Awesome-Video-Understanding.md": [(51, "VR601"), (158, "VR701")],
    "nick7nlp__Awesome-LLM-On-Policy-Distillation.md": [(44, "VR601"), (55, "VR601")],
    "sjtuplayer__Awesome-Video-Foundations.md": [(226, "VR406"), (228, "VR406"), (240, "VR406")],
    "xlite-dev__Awesome-LLM-Inference.md": [(127, "VR410"), (190, "VR701"), (449, "VR701"), (543, "VR701")],
    "ybwang119__Awesome-reasoning-safety.md": [(114, "VR701"), (134, "VR701"), (240, "VR101"), (321, "VR108"), (354, "VR404")],
    "yunlong10__Awesome-LLMs-for-Video-Understanding.md": [(54, "VR602"), (244, "VR703"), (331, "VR204"), (332, "VR204"), (401, "VR202"), (472, "VR101"), (473, "VR101"), (474, "VR101"), (475, "VR101")],
}


#: more findings of one code in one file than this, ungrouped, bury the rest (issue 10's target)
MAX_PER_CODE = 10


@pytest.mark.parametrize("path", corpus_readmes(every=None), ids=lambda path: path.name)  # 28 in --full
def test_true_corpus_findings_stay_and_no_code_floods_a_file(path: Path) -> None:
    found = lint(vrlint.parse(read(path)), path.name, Config())
    where = {(d.line, d.code) for d in found}
    missing = [item for item in TRUE_FINDINGS.get(path.name, []) if item not in where]
    assert not missing, f"{path.name}: default findings judged TRUE are gone: {missing}"
    per_code = Counter(d.code for d in found)
    assert max(per_code.values(), default=0) <= MAX_PER_CODE, per_code
