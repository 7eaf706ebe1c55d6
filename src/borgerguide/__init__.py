"""Decision trees and contacts for "Den digitale borger", independent of any site generator.

Load and validate the rules file with :func:`load_rules`, walk the trees with :mod:`borgerguide.paths`
and turn them into pages with :mod:`borgerguide.site.render`. Nothing here imports MkDocs, so another generator
can be fed by a thin adapter (see ``hooks/`` for the MkDocs one).
"""

from borgerguide.errors import Problem, RulesError
from borgerguide.languages import Language, LanguageInfo, Languages, read_languages
from borgerguide.rules.load import load_rules
from borgerguide.rules.model import Contact, Outcome, Question, Rules, Text, Tree

__all__ = [
    "Contact",
    "Language",
    "LanguageInfo",
    "Languages",
    "Outcome",
    "Problem",
    "Question",
    "Rules",
    "RulesError",
    "Text",
    "Tree",
    "load_rules",
    "read_languages",
]
