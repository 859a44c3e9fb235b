"""statextract: statistical claims from Russian text.

>>> claim = extract("date 2025-03-12\\nВ Казахстане заняты 3,3 миллиона человек.")[0]
>>> claim.value, claim.subject, claim.date
(3300000.0, 'человек', '2025-03-12')
"""

from __future__ import annotations

from statextract.pipeline import Extractor, extract, load
from statextract.reader import Document
from statextract.records import Claim, ProfessionMention, Quotation

__all__ = ["Claim", "Document", "Extractor", "ProfessionMention", "Quotation", "extract", "load"]
