# ruff: noqa: E501  (real corpus rows are copied verbatim)
"""VR92x/VR93x: column conventions and cells in the wrong column, on real corpus tables."""

from __future__ import annotations

import pytest
from conftest import corpus_readme, read
from rulekit import apply_fixes, check_examples, run

CODES = ["VR921", "VR922", "VR923", "VR924", "VR925", "VR926", "VR927", "VR931"]


@pytest.mark.parametrize("code", CODES)
def test_documented_examples(code: str) -> None:
    check_examples(code)


# jingyi0000/VLM_survey lines 301-343 (every row with "-" plus the last one, "–")
_DASHES = """\
| Paper                                             |  Published in | Code/Project |
|---------------------------------------------------|:-------------:|:------------:|
|[ProDA: Prompt Distribution Learning](https://arxiv.org/abs/2205.03340)|CVPR 2022|-|
|[Bayesian Prompt Learning for Image-Language Model Generalization](https://arxiv.org/abs/2210.02390v2)|arXiv 2022|-|
|[Learning to Name Classes for Vision and Language Models](https://arxiv.org/abs/2304.01830v1)|CVPR 2023|-|
|[ProTeCt: Prompt Tuning for Hierarchical Consistency](https://arxiv.org/abs/2306.02240)|arXiv 2023|-|
|[Gradient-Regulated Meta-Prompt Learning for Generalizable Vision-Language Models](https://arxiv.org/pdf/2303.06571.pdf)|ICCV 2023|-|
|[Knowledge-Aware Prompt Tuning for Generalizable Vision-Language Models](https://arxiv.org/pdf/2308.11186v1.pdf)|ICCV 2023|-|
|[Efficient Test-Time Prompt Tuning for Vision-Language Models](https://arxiv.org/abs/2408.05775)|arXiv 2024|-|
|[Text-driven Prompt Generation for Vision-Language Models in Federated Learning](https://arxiv.org/abs/2310.06123)|ICLR 2024|-|
|[C-TPT: Calibrated Test-Time Prompt Tuning for Vision-Language Models via Text Feature Dispersion](https://openreview.net/pdf?id=jzzEHTBFOT)|ICLR 2024|-|
|[Prompt Gradient Projection for Continual Learning](https://openreview.net/pdf?id=EH2O3h7sBI)|ICLR 2024|-|
|[Any-Shift Prompting for Generalization over Distributions](https://arxiv.org/abs/2402.10099)|CVPR 2024|-|
|[Towards Better Vision-Inspired Vision-Language Models](https://www.lamda.nju.edu.cn/caoyh/files/VIVL.pdf)|CVPR 2024|-|
|[Historical Test-time Prompt Tuning for Vision Foundation Models](https://arxiv.org/pdf/2410.20346)|NeurIPS 2024|–|
"""

# jingyi0000/VLM_survey lines 301-318: "code" once where every other link says "Code"
_CODE_CASE = """\
| Paper                                             |  Published in | Code/Project |
|---------------------------------------------------|:-------------:|:------------:|
|[CoOp: Learning to Prompt for Vision-Language Models](https://arxiv.org/abs/2109.01134)|IJCV 2022|[Code](https://github.com/KaiyangZhou/CoOp)|
|[CoCoOp: Conditional Prompt Learning for Vision-Language Models](https://arxiv.org/abs/2203.05557)|CVPR 2022|[Code](https://github.com/KaiyangZhou/CoOp)|
|[ProDA: Prompt Distribution Learning](https://arxiv.org/abs/2205.03340)|CVPR 2022|-|
|[DenseClip: Language-Guided Dense Prediction with Context-Aware Prompting](https://arxiv.org/abs/2112.01518)|CVPR 2022|[Code](https://github.com/raoyongming/DenseCLIP)|
|[TPT: Test-time prompt tuning for zero-shot generalization in vision-language models](https://arxiv.org/abs/2209.07511)|NeurIPS 2022|[Code](https://github.com/azshue/TPT)|
|[DualCoOp: Fast Adaptation to Multi-Label Recognition with Limited Annotations](https://arxiv.org/abs/2206.09541)|NeurIPS 2022|[Code](https://github.com/sunxm2357/DualCoOp)|
|[CPL: Counterfactual Prompt Learning for Vision and Language Models](https://arxiv.org/abs/2210.10362)|EMNLP 2022|[Code](https://github.com/eric-ai-lab/CPL)|
|[Bayesian Prompt Learning for Image-Language Model Generalization](https://arxiv.org/abs/2210.02390v2)|arXiv 2022|-|
|[UPL: Unsupervised Prompt Learning for Vision-Language Models](https://arxiv.org/abs/2204.03649)|arXiv 2022|[Code](https://github.com/tonyhuang2022/UPL)|
|[ProGrad: Prompt-aligned Gradient for Prompt Tuning](https://arxiv.org/abs/2205.14865)|arXiv 2022|[Code](https://github.com/BeierZhu/Prompt-align)|
|[SoftCPT: Prompt Tuning with Soft Context Sharing for Vision-Language Models](https://arxiv.org/abs/2208.13474)|arXiv 2022|[Code](https://github.com/kding1225/softcpt)|
|[SubPT: Understanding and Mitigating Overfitting in Prompt Tuning for Vision-Language Models](https://arxiv.org/abs/2211.02219)|TCSVT 2023|[Code](https://github.com/machengcheng2016/Subspace-Prompt-Learning)|
|[LASP: Text-to-Text Optimization for Language-Aware Soft Prompting of Vision & Language Models](https://arxiv.org/abs/2210.01115)|CVPR 2023|[Code](https://www.adrianbulat.com/lasp)|
|[LMPT: Prompt Tuning with Class-Specific Embedding Loss for Long-tailed Multi-Label Visual Recognition](https://arxiv.org/abs/2305.04536)|ACLW 2024|[Code](https://github.com/richard-peng-xia/LMPT)|
|[Texts as Images in Prompt Tuning for Multi-Label Image Recognition](https://arxiv.org/abs/2211.12739)|CVPR 2023|[code](https://github.com/guozix/TaI-DPT)
|[Visual-Language Prompt Tuning with Knowledge-guided Context Optimization](https://arxiv.org/abs/2303.13283)|CVPR 2023|[Code](https://github.com/htyao89/KgCoOp)|
"""

# Video-R1/Awesome-Multimodal-Reasoning lines 22-34: a venue pasted into the Date column
_DATES = """\
| Date             | Project                                                      | SFT                                                        | RL                                                           | Task                                                         |
| ---------------- | ------------------------------------------------------------ | ---------------------------------------------------------- | ------------------------------------------------------------ | ------------------------------------------------------------ |
| 25.03             | Reason-RFT: Reinforcement Fine-Tuning for Visual Reasoning  [[📑Paper]](https://arxiv.org/abs/2503.20752)[[🖥️Code]](https://tanhuajie.github.io/ReasonRFT) |  SFT-based Reasoning Activation | GRPO | Visual Count, Structure Perception, Spatial Transformation  |
| 25.03             | Embodied-Reasoner: Synergizing Visual Search, Reasoning, and Action for Embodied Interactive Tasks  [[📑Paper]](https://arxiv.org/abs/2503.21696)[[🖥️Code]](https://github.com/zwq2018/embodied_reasoner) | 9.3k observation-thought-action trajectories | - | Interactive Embodied Tasks |
| 25.03             | OpenVLThinker: An Early Exploration to Complex Vision-Language Reasoning via Iterative Self-Improvement [[📑Paper]]([https://arxiv.org/pdf/2503.18013v1](https://arxiv.org/pdf/2503.17352v1))[[🖥️Code]](https://github.com/yihedeng9/OpenVLThinker)  | Iterative SFT | Iterative GRPO | Various VQA|
| 25.03            | Vision-R1: Evolving Human-Free Alignment in Large Vision-Language Models via Vision-Guided Reinforcement Learning [[📑Paper]](https://arxiv.org/pdf/2503.18013v1)[[🖥️Code]](https://github.com/jefferyZhan/Griffon/tree/master/Vision-R1) | - | GRPO | Object localization |
| 25.03            | R1-VL: Learning to Reason with Multimodal Large Language Models via Step-wise Group Relative Policy Optimization [[📑Paper]](https://arxiv.org/abs/2503.12937)[[🖥️Code]](https://github.com/jingyi0000/R1-VL) | Mulberry-260k                                              | StepGRPO with 10k data from Mulberry-260k                    | Various VQA                                                  |
| 25.03            | MetaSpatial [[🖥️Code]](https://github.com/PzySeere/MetaSpatial) | -                                                          | GRPO                                                         | 3D spatial reasoning                                         |
| 25.03            | CMMCoT: Enhancing Complex Multi-Image Comprehension via Multi-Modal Chain-of-Thought and Memory Augmentation [[📑Paper]](https://arxiv.org/pdf/2503.05255) | 260k sft                                                   | -                                                            | Multi-Image Benchmark                                        |
| 25.03            | VisualPRM: An Effective Process Reward Model for Multimodal Reasoning [[📑Paper]](https://arxiv.org/abs/2503.10291)[[model]](https://huggingface.co/OpenGVLab/VisualPRM-8B)[[data]](https://huggingface.co/datasets/OpenGVLab/VisualPRM400K)[[benchmark]](https://huggingface.co/datasets/OpenGVLab/VisualProcessBench) | -                                                          | Process Reward Model                                         | Math & MMMU                                                  |
| 25.03            | R1-Onevision: Advancing Generalized Multimodal Reasoning through Cross-Modal Formalization [[📑Paper]](https://arxiv.org/pdf/2503.10615)[[Project website]](https://yangyi-vai.notion.site/r1-onevision)[[🖥️Code]](https://github.com/Fancy-MLLM/R1-Onevision) | -                                                          | 155k R1-OneVision<br />GRPO                                  | Math                                                         |
| 25.03            | MMR1: Advancing the Frontiers of Multimodal Reasoning [[🖥️Code]](https://github.com/LengSicong/MMR1) | -                                                          | GRPO                                                         | Math                                                         |
| 25.03 (CVPR2025) | GFlowVLM: Enhancing Multi-step Reasoning in Vision-Language Models with Generative Flow Networks [[📑Paper]](https://arxiv.org/pdf/2503.06514) | -                                                          | GFlowNets                                                    | NumberLine (NL) and BlackJack (BJ)                           |
"""


def test_placeholder_spelling_follows_the_column() -> None:
    (found,) = run(_DASHES, ["VR921"])
    assert "'–'" in found.message and "'-'" in found.message
    fixed = apply_fixes(_DASHES, [found])
    assert fixed.endswith("|NeurIPS 2024|-|\n") and run(fixed, ["VR921"]) == []


def test_link_text_case_follows_the_column() -> None:
    (found,) = run(_CODE_CASE, ["VR922"])
    assert found.span.line == 17
    fixed = apply_fixes(_CODE_CASE, [found])
    assert "|[Code](https://github.com/guozix/TaI-DPT)" in fixed and run(fixed, ["VR922"]) == []


def test_date_form_follows_the_column() -> None:
    (found,) = run(_DATES, ["VR923"])
    assert "25.03 (CVPR2025)" in found.message and found.span.line == 13


def test_a_less_precise_date_is_not_another_form() -> None:
    rows = (
        "| Date | Title |\n|---|---|\n"
        + "".join(f"| 2025-0{m}-1{m} | P{m} |\n" for m in range(1, 8))
        + "| 2023 | Q |\n"
    )
    assert run(rows, ["VR923"]) == []


def test_no_convention_no_finding() -> None:
    # a 60/40 split of placeholder spellings is not a convention
    rows = "| Title | Code |\n|---|---|\n" + "| A | - |\n" * 3 + "| B | N/A |\n" * 2
    assert run(rows, ["VR921"]) == []


@pytest.mark.parametrize(
    "name", ["nick7nlp__Awesome-LLM-On-Policy-Distillation.md", "kimberlyii__Awesome-Video-Understanding.md"]
)
def test_quiet_on_consistent_files(name: str) -> None:
    assert run(read(corpus_readme(name)), CODES) == []


# yunlong10/Awesome-LLMs-for-Video-Understanding lines 320-332: one stars badge without `?style=social&label=Star`
_STARS = """\
| Title                                                        |     Model     |  Date   |                         Code                         | Venue |
| :----------------------------------------------------------- | :-----------: | :-----: | :--------------------------------------------------: | :---: |
| [**Video-LLaMA: An Instruction-Finetuned Visual Language Model for Video Understanding**](https://arxiv.org/abs/2306.02858) [![Star](https://img.shields.io/github/stars/DAMO-NLP-SG/Video-LLaMA.svg?style=social&label=Star)](https://github.com/DAMO-NLP-SG/Video-LLaMA) |  Video-LLaMA  | 06/2023 |  [code](https://github.com/DAMO-NLP-SG/Video-LLaMA)  | arXiv |
| [**VALLEY: Video Assistant with Large Language model Enhanced abilitY**](https://arxiv.org/abs/2306.07207)[![Star](https://img.shields.io/github/stars/RupertLuo/Valley.svg?style=social&label=Star)](https://github.com/RupertLuo/Valley) |    VALLEY     | 06/2023 |     [code](https://github.com/RupertLuo/Valley)      |   -   |
| [**Video-ChatGPT: Towards Detailed Video Understanding via Large Vision and Language Models**](https://arxiv.org/abs/2306.05424)[![Star](https://img.shields.io/github/stars/mbzuai-oryx/Video-ChatGPT.svg?style=social&label=Star)](https://github.com/mbzuai-oryx/Video-ChatGPT) | Video-ChatGPT | 06/2023 | [code](https://github.com/mbzuai-oryx/Video-ChatGPT) | arXiv |
| [**Macaw-LLM: Multi-Modal Language Modeling with Image, Audio, Video, and Text Integration**](https://arxiv.org/abs/2306.09093)[![Star](https://img.shields.io/github/stars/lyuchenyang/macaw-llm.svg?style=social&label=Star)](https://github.com/lyuchenyang/macaw-llm) |   Macaw-LLM   | 06/2023 |   [code](https://github.com/lyuchenyang/macaw-llm)   | arXiv |
| [**LLMVA-GEBC: Large Language Model with Video Adapter for Generic Event Boundary Captioning**](https://arxiv.org/abs/2306.10354) [![Star](https://img.shields.io/github/stars/zjr2000/llmva-gebc.svg?style=social&label=Star)](https://github.com/zjr2000/llmva-gebc) |  LLMVA-GEBC   | 06/2023 |    [code](https://github.com/zjr2000/llmva-gebc)     | CVPR  |
| [**Youku-mPLUG: A 10 Million Large-scale Chinese Video-Language Dataset for Pre-training and Benchmarks**](https://arxiv.org/abs/2306.04362) [![Star](https://img.shields.io/github/stars/x-plug/youku-mplug.svg?style=social&label=Star)](https://github.com/x-plug/youku-mplug) |  mPLUG-video  | 06/2023 |    [code](https://github.com/x-plug/youku-mplug)     | arXiv |
| [**MovieChat: From Dense Token to Sparse Memory for Long Video Understanding**](https://arxiv.org/abs/2307.16449)[![Star](https://img.shields.io/github/stars/rese1f/MovieChat.svg?style=social&label=Star)](https://github.com/rese1f/MovieChat) |   MovieChat   | 07/2023 |     [code](https://github.com/rese1f/MovieChat)      | arXiv |
| [**Large Language Models are Temporal and Causal Reasoners for Video Question Answering**](https://arxiv.org/abs/2310.15747)[![Star](https://img.shields.io/github/stars/mlvlab/Flipped-VQA.svg?style=social&label=Star)](https://github.com/mlvlab/Flipped-VQA) |   LLaMA-VQA   | 10/2023 |    [code](https://github.com/mlvlab/Flipped-VQA)     | EMNLP |
| [**Video-LLaVA: Learning United Visual Representation by Alignment Before Projection**](https://arxiv.org/pdf/2311.10122v2.pdf)[![Star](https://img.shields.io/github/stars/PKU-YuanGroup/Video-LLaVA.svg?style=social&label=Star)](https://github.com/PKU-YuanGroup/Video-LLaVA) |  Video-LLaVA  | 11/2023 | [code](https://github.com/PKU-YuanGroup/Video-LLaVA) | arXiv |
| [**Chat-UniVi: Unified Visual Representation Empowers Large Language Models with Image and Video Understanding**](https://arxiv.org/pdf/2311.17043v1.pdf)[![Star](https://img.shields.io/github/stars/pku-yuangroup/chat-univi.svg?style=social&label=Star)](https://github.com/pku-yuangroup/chat-univi) |  Chat-UniVi   | 11/2023 | [code](https://github.com/pku-yuangroup/chat-univi)  | arXiv |
| [**LLaMA-VID: An Image is Worth 2 Tokens in Large Language Models**](https://arxiv.org/abs/2311.08046v1)[![Star](https://img.shields.io/github/stars/dvlab-research/LLaMA-VID)](https://github.com/dvlab-research/LLaMA-VID) |  LLaMA-VID   | 11/2023 | [code](https://github.com/dvlab-research/LLaMA-VID)  | arXiv |
"""


def test_stars_badge_query_follows_the_column() -> None:
    (found,) = run(_STARS, ["VR924"])
    assert "LLaMA-VID" in _STARS.splitlines()[found.span.line - 1]
    fixed = apply_fixes(_STARS, [found])
    assert "stars/dvlab-research/LLaMA-VID?style=social&label=Star)" in fixed and run(fixed, ["VR924"]) == []


# LJungang history 089_aef039e lines 201-242 (cells after Paper cut): rows that lost their title; version 090 restored it
_GENERIC = """\
| **Name**      | **Paper** | **Link** | **Task** | **Time** | **Venue** |
|--------------------|-----------|-------------|----------|----------|-----------|
| V-ReasonBench | [V-ReasonBench: Toward Unified Reasoning Benchmark Suite for Video Generation Models](https://arxiv.org/abs/2511.16668) |
| VR-Bench|[Reasoning via Video: The First Evaluation of Video Models’ Reasoning Abilities through Maze-Solving Tasks](https://arxiv.org/abs/2511.15065) |
| Gen-ViRe   | [Can World Simulators Reason? Gen-ViRe: A Generative Visual Reasoning Benchmark](https://arxiv.org/abs/2511.13853) |
| TiViBench | [TiViBench: Benchmarking Think-in-Video Reasoning for Video Generative Models](https://arxiv.org/abs/2511.13704) |
| VideoThinkBench |[Thinking with Video: Video Generation as a Promising Multimodal Reasoning Paradigm](https://arxiv.org/abs/2511.04570) |
| MME-CoF | [Are Video Models Ready as Zero-Shot Reasoners? An Empirical Study with the MME-CoF Benchmark](https://arxiv.org/abs/2510.26802) |
| SciVideoBench | [SciVideoBench: Benchmarking Scientific Video Reasoning in Large Multimodal Models](https://arxiv.org/abs/2510.08559) |
| ReasoningTrack | [ReasoningTrack: Chain-of-Thought Reasoning for Long-term Vision-Language Tracking](https://arxiv.org/abs/2508.05221) |
| METER | [METER: Multi-modal Evidence-based Thinking and Explainable Reasoning -- Algorithm and Benchmark](https://arxiv.org/abs/2507.16206) |
| Video-TT | [Towards Video Thinking Test: A Holistic Benchmark for Advanced Video Reasoning and Understanding](https://arxiv.org/abs/2507.15028) |
| ImplicitQA | [ImplicitQA: Going beyond frames towards Implicit Video Reasoning](https://arxiv.org/abs/2506.21742) |
| Video-CoT | [Video-CoT: A Comprehensive Dataset for Spatiotemporal Understanding of Videos Based on Chain-of-Thought](https://arxiv.org/abs/2506.08817) |
| Implicit-VideoQA | [Looking Beyond Visible Cues: Implicit Video Question Answering via Dual-Clue Reasoning](https://arxiv.org/abs/2506.07811) |
| MORSE-500 | [MORSE-500: A Programmatically Controllable Video Benchmark to Stress-Test Multimodal Reasoning](https://arxiv.org/abs/2506.05523) |
| SpookyBench | [Time Blindness: Why Video-Language Models Can't See What Humans Can](https://arxiv.org/abs/2505.24867) |
| Video-Holmes | [Video-Holmes: Can MLLM Think Like Holmes for Complex Video Reasoning?](https://arxiv.org/abs/2505.21374) |
| VideoEval-Pro | [Paper](https://arxiv.org/abs/2505.14640) |
| Breaking Down Video LLM Benchmarks | [Paper](https://arxiv.org/abs/2505.14321) |
| RTV-Bench | [Paper](https://arxiv.org/abs/2505.02064) |
| MINERVA | [Paper](https://arxiv.org/abs/2505.00681) |
| VCR-Bench | [VCR-Bench: A Comprehensive Evaluation Framework for Video Chain-of-Thought Reasoning](https://arxiv.org/abs/2504.07956) |
| SEED-Bench-R1 | [Exploring the Effect of Reinforcement Learning on Video Understanding: Insights from SEED-Bench-R1](https://arxiv.org/abs/2503.24376) |
| H2VU-Benchmark | [H2VU-Benchmark: A Comprehensive Benchmark for Hierarchical Holistic Video Understanding](https://arxiv.org/abs/2503.24008) |
| OmniMMI | [OmniMMI: A Comprehensive Multi-modal Interaction Benchmark in Streaming Video Contexts](https://arxiv.org/abs/2503.22952) |
| HAVEN | [Exploring Hallucination of Large Multimodal Models in Video Understanding: Benchmark, Analysis and Mitigation](https://arxiv.org/abs/2503.19622) |
| V-STaR | [V-STaR: Benchmarking Video-LLMs on Video Spatio-Temporal Reasoning](https://arxiv.org/abs/2503.11495) |
| COVER | [Reasoning is All You Need for Video Generalization](https://arxiv.org/abs/2503.10691) |
| MOMA-QA | [Towards Fine-Grained Video Question Answering](https://arxiv.org/abs/2503.06820) |
| SVBench | [SVBench: A Benchmark with Temporal Multi-Turn Dialogues for Streaming Video Understanding](https://arxiv.org/abs/2502.10810) |
| MMVU | [MMVU: Measuring Expert-Level Multi-Discipline Video Understanding](https://arxiv.org/abs/2501.12380) |
| OVO-Bench | [OVO-Bench: How Far is Your Video-LLMs from Real-World Online Video Understanding?](https://arxiv.org/abs/2501.05510) |
| HLV-1K | [HLV-1K: A Large-scale Hour-Long Video Benchmark for Time-Specific Long Video Understanding](https://arxiv.org/abs/2501.01645) |
| Thinking in Space | [Thinking in Space: How Multimodal Large Language Models See, Remember, and Recall Spaces](https://arxiv.org/abs/2412.14171) |
| 3DSRBench | [3DSRBench: A Comprehensive 3D Spatial Reasoning Benchmark](https://arxiv.org/abs/2412.07825) |
| BlackSwanSuite | [Black Swan: Abductive and Defeasible Video Reasoning in Unpredictable Events](https://arxiv.org/abs/2412.05725) |
| TOMATO | [TOMATO: Assessing Visual Temporal Reasoning Capabilities in Multimodal Foundation Models](https://proceedings.iclr.cc/paper_files/paper/2025/hash/16ba99f25a235f1100a4014d71d34ad8-Abstract-Conference.html) | [Github](https://github.com/yale-nlp/TOMATO) ![](https://img.shields.io/github/stars/yale-nlp/TOMATO?style=social) | `Language` | 2024-10 | [![](https://img.shields.io/badge/CVPR-2025-blue.svg?style=plastic)](https://proceedings.iclr.cc/paper_files/paper/2025/hash/16ba99f25a235f1100a4014d71d34ad8-Abstract-Conference.html) |
| OmnixR    | [OmnixR: Evaluating Omni-modality Language Models on Reasoning across Modalities](https://proceedings.iclr.cc/paper_files/paper/2025/hash/aa3e67220ca4cd50010165c950fc8056-Abstract-Conference.html) | - | `Language` | 2024-10 |  [![](https://img.shields.io/badge/ICLR-2025-blue.svg?style=plastic)](https://proceedings.iclr.cc/paper_files/paper/2025/hash/aa3e67220ca4cd50010165c950fc8056-Abstract-Conference.html) |
| VideoVista | [VideoVista: A Versatile Benchmark for Video Understanding and Reasoning](https://arxiv.org/abs/2406.11303) |
| SOK-Bench | [SOK-Bench: A Situated Video Reasoning Benchmark with Aligned Open-World Knowledge](https://arxiv.org/abs/2405.09713) |
| CVRR-ES | [How Good is my Video LMM? Complex Video Reasoning and Robustness Evaluation Suite for Video-LMMs](https://arxiv.org/abs/2405.03690) |
"""


def test_generic_title_link_text_where_the_column_names_papers() -> None:
    found = run(_GENERIC, ["VR925"])
    assert [d.span.line for d in found] == [19, 20, 21, 22]
    assert (
        run(
            _GENERIC.replace(
                "[Paper](https://arxiv.org/abs/2505.14640)",
                "[VideoEval-Pro: Robust and Realistic Long Video Understanding Evaluation](https://arxiv.org/abs/2505.14640)",
            ),
            ["VR925"],
        )[0].span.line
        == 20
    )


def test_all_caps_title_needs_a_convention() -> None:
    rows = (
        "| Title | Venue |\n|---|---|\n"
        + "".join(f"| A Study of Thing {t} | CVPR |\n" for t in "ABC")
        + "| A STUDY OF THE OTHER THING | ICCV |\n"
    )
    assert run(rows, ["VR926"]) == []  # three siblings are no convention


def test_acronym_lists_are_not_all_caps_titles() -> None:
    # HITsz-TMG/Awesome-Large-Multimodal-Reasoning-Models line 431: the second title column lists datasets
    rows = "| Approach | Dataset |\n|---|---|\n" + "".join(
        f"| Study of Thing {t} | Data of Thing {t} |\n" for t in "ABCDEFGHI"
    )
    rows += "| [Omni-R1 (MIT)](https://arxiv.org/abs/2505.09439) | AVQA-GPT,VGGS-GPT, AVE-GPT |\n"
    assert run(rows, ["VR926"]) == []


def test_title_cut_at_math_from_the_corpus() -> None:
    # Steve2457/Awesome-RL-GUI-Agents lines 341-353 (cut): two titles cut at their formula
    rows = """\
| Paper | Venue / Year |
| --- | --- |
| [Mga: Memory-driven Gui Agent for Observation-centric Interaction](https://arxiv.org/abs/2510.24168) | arXiv 2025 |
| [Memr $\\^](https://arxiv.org/abs/2512.20237) | 2025 |
| [Gui-g$^2](https://arxiv.org/abs/2507.15846) | 2025 |
| [MemR $\\^{} 3$: Memory Retrieval via Reflective Reasoning for LLM Agents](https://arxiv.org/abs/2512.20237) | arXiv 2025 |
| [R1-V: Reinforcing Super Generalization Ability in Vision Language Models with Less Than $3](https://github.com/Deep-Agent/R1-V) | 2025 |
"""
    assert [d.span.line for d in run(rows, ["VR927"])] == [4, 5]


def test_link_text_case_never_pushes_a_misspelled_name() -> None:
    # ybwang119/Awesome-reasoning-safety: 102 cells write "Github", a few the right "GitHub"
    rows = "".join(f"| P{i} | [Github](https://github.com/o/r{i}) |\n" for i in range(10))
    table = "| Paper | Code |\n|---|---|\n" + rows + "| Q | [GitHub](https://github.com/o/q) |\n"
    assert run(table, ["VR922"]) == []
    # the other way round the convention holds
    flipped = table.replace("[Github]", "[@@]").replace("[GitHub]", "[Github]").replace("[@@]", "[GitHub]")
    assert [d.line for d in run(flipped, ["VR922"])] == [13]
