"""Lines every text reader drops: the page numbers and running footers of a
printed notice ("— 3 —", "第 3 页 共 9 页")."""

from __future__ import annotations

import re

PAGE_MARK = re.compile(r"^\s*([-—–－]+\s*\d{1,3}\s*[-—–－]+|第\s*\d+\s*页(\s*共\s*\d+\s*页)?)\s*$")
