"""The rule language: file format, token patterns, the matcher, rules and their loader."""

from .format import RuleFile, RuleSpec
from .rule import DataRule, Rule, RuleBase, Validator, finding_from

__all__ = ["DataRule", "Rule", "RuleBase", "RuleFile", "RuleSpec", "Validator", "finding_from"]
