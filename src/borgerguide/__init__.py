"""Decision trees and contacts for "Den digitale borger", independent of any site generator.

Load and validate the rules file with :func:`load_rules`, walk the trees with :mod:`borgerguide.paths`
and turn them into pages with :mod:`borgerguide.site.render`. Nothing here imports MkDocs, so another generator
can be fed by a thin adapter (see ``hooks/`` for the MkDocs one).
"""

from borgerguide.errors import Problem, RulesError
from borgerguide.rules.load import load_rules
from borgerguide.rules.model import LANGUAGES, Contact, Outcome, Question, Rules, Text, Tree

__all__ = [
    "LANGUAGES",
    "Contact",
    "Outcome",
    "Problem",
    "Question",
    "Rules",
    "RulesError",
    "Text",
    "Tree",
    "load_rules",
]
