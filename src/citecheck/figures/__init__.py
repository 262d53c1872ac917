"""Figure verification: quantities in claims and sources, compared and diagnosed.

>>> checks = check_figures("The contract was worth US$10.8 billion.", "合同金额为1.08亿美元。")
>>> checks[0].verdict.value, checks[0].diagnosis, checks[0].factor, checks[0].cause
('inconsistent', 'scale', Decimal('100'), '亿 read as billion')
"""

from .compare import check_figures, compare_claim, compare_claims, describe
from .extract import extract_quantities
from .language import LanguageOnDemand, guess_language, language_tag
from .sentences import split_sentences

__all__ = [
    "LanguageOnDemand",
    "check_figures",
    "compare_claim",
    "compare_claims",
    "describe",
    "extract_quantities",
    "guess_language",
    "language_tag",
    "split_sentences",
]
