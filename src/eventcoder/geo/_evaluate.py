"""Geoparsing evaluation on a GeoVirus-style corpus (``eventcoder eval-geo GeoVirus.xml``).

Figures (Gritta et al., "What's missing in geographical parsing?", 2018):

- recognition: precision/recall/F1 of predicted spans against gold spans, exact offsets and any overlap;
- resolution end to end: over gold places whose span was recognised (overlap), the error in km between
  the predicted and the gold point; acc@161km, mean and median error, and AUC (area under the sorted
  log-error curve, scaled by log(20039 km); lower is better);
- resolution of the gold spans: each gold toponym resolved with the other gold toponyms of the article
  as context (the setting in which Mordecai3 reports about 0.966 acc@161km).
"""

from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventcoder.geo._gazetteer import Candidate, Gazetteer, haversine_km
from eventcoder.geo._geoparse import geoparse
from eventcoder.geo._normalize import name_key
from eventcoder.geo._ranking import rank_candidates

__all__ = ["GeoEvalResult", "eval_geo", "read_geovirus"]


@dataclass
class _Gold:
    start: int
    end: int
    name: str
    lat: float
    lon: float


@dataclass
class GeoEvalResult:
    """All figures of one evaluation run, each with its denominator."""

    articles: int = 0
    gold: int = 0
    predicted: int = 0
    exact_hits: int = 0
    overlap_hits_gold: int = 0
    overlap_hits_pred: int = 0
    resolved_errors: list[float] = field(default_factory=list)
    given_errors: list[float] = field(default_factory=list)
    seconds: float = 0.0

    @staticmethod
    def _acc(errors: list[float], km: float = 161.0) -> float:
        return sum(e <= km for e in errors) / len(errors) if errors else 0.0

    @staticmethod
    def _auc(errors: list[float]) -> float:
        if len(errors) < 2:
            return 0.0
        ys = sorted(math.log(1 + e) for e in errors)
        area = sum((ys[i] + ys[i + 1]) / 2 for i in range(len(ys) - 1))
        return area / (math.log(20039) * (len(ys) - 1))

    def figures(self) -> dict[str, Any]:
        p_exact = self.exact_hits / self.predicted if self.predicted else 0.0
        r_exact = self.exact_hits / self.gold if self.gold else 0.0
        p_ov = self.overlap_hits_pred / self.predicted if self.predicted else 0.0
        r_ov = self.overlap_hits_gold / self.gold if self.gold else 0.0

        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        out: dict[str, Any] = {
            "articles": self.articles, "gold_toponyms": self.gold, "predicted_toponyms": self.predicted,
            "recognition_precision_exact": round(p_exact, 4), "recognition_recall_exact": round(r_exact, 4),
            "recognition_f1_exact": round(f1(p_exact, r_exact), 4),
            "recognition_precision_overlap": round(p_ov, 4), "recognition_recall_overlap": round(r_ov, 4),
            "recognition_f1_overlap": round(f1(p_ov, r_ov), 4),
        }
        for label, errs in (("end_to_end", self.resolved_errors), ("gold_spans", self.given_errors)):
            out[f"{label}_resolved"] = len(errs)
            out[f"{label}_acc161"] = round(self._acc(errs), 4)
            out[f"{label}_mean_km"] = round(statistics.fmean(errs), 1) if errs else None
            out[f"{label}_median_km"] = round(statistics.median(errs), 1) if errs else None
            out[f"{label}_auc"] = round(self._auc(errs), 4)
        out["seconds"] = round(self.seconds, 1)
        return out


def read_geovirus(path: str | Path) -> list[tuple[str, list[_Gold]]]:
    """(text, gold places) per article of a GeoVirus XML file."""
    root = ET.parse(str(path)).getroot()
    out = []
    for art in root.findall(".//article"):
        text = art.findtext("text") or ""
        golds = []
        for loc in art.iter("location"):
            try:
                start, end = int(loc.findtext("start") or 0), int(loc.findtext("end") or 0)
                name = loc.findtext("name") or ""
                lat, lon = float(loc.findtext("lat") or 0), float(loc.findtext("lon") or 0)
            except ValueError:
                continue
            # GeoVirus offsets are one past Python's; align on the name where the text allows
            for shift in (0, -1, 1):
                if text[start + shift: end + shift] == name:
                    start, end = start + shift, end + shift
                    break
            golds.append(_Gold(start, end, name, lat, lon))
        out.append((text, golds))
    return out


def _resolve_gold_spans(text: str, golds: list[_Gold], gaz: Gazetteer) -> list[float]:
    names = [g.name for g in golds]
    lookups: list[list[Candidate]] = [gaz.lookup(n) for n in names]
    country_of = [next((c.country for c in cands if c.is_country), "") for cands in lookups]
    errors = []
    for i, g in enumerate(golds):
        # the countries the other names of the article stand for (as geoparse counts them)
        countries = {cc for j, cc in enumerate(country_of) if cc and name_key(names[j]) != name_key(g.name)}
        context = [sorted([c for c in cands if not c.is_country], key=lambda c: -c.importance)[:12]
                   for j, cands in enumerate(lookups) if j != i and name_key(names[j]) != name_key(g.name)]
        hints = []
        after = text[g.end: g.end + 3]
        for other in golds:
            if other.start > g.end and text[g.end: other.start].strip() in {",", "("} and after:
                hints.append(other.name)
        ranked = rank_candidates(g.name, gazetteer=gaz, countries_mentioned=countries, admin_hints=hints,
                                 context=[c for c in context if c])
        if ranked:
            c = ranked[0][1]
            errors.append(haversine_km(c.latitude, c.longitude, g.lat, g.lon))
        else:
            errors.append(20039.0)  # not in the gazetteer: the largest possible error
    return errors


def eval_geo(path: str | Path, gazetteer: Gazetteer, *, limit: int | None = None) -> GeoEvalResult:
    """Evaluate recognition and resolution on a GeoVirus-format XML file."""
    t0 = time.perf_counter()
    res = GeoEvalResult()
    articles = read_geovirus(path)
    if limit:
        articles = articles[:limit]
    for text, golds in articles:
        res.articles += 1
        res.gold += len(golds)
        preds = geoparse(text, gazetteer)
        res.predicted += len(preds)
        gold_spans = {(g.start, g.end) for g in golds}
        res.exact_hits += sum((p.start, p.end) in gold_spans for p in preds)
        res.overlap_hits_pred += sum(any(p.start < g.end and g.start < p.end for g in golds) for p in preds)
        for g in golds:
            hits = [p for p in preds if p.start < g.end and g.start < p.end]
            if hits:
                res.overlap_hits_gold += 1
                p = hits[0]
                if p.latitude is not None and p.longitude is not None:
                    res.resolved_errors.append(haversine_km(p.latitude, p.longitude, g.lat, g.lon))
        res.given_errors.extend(_resolve_gold_spans(text, golds, gazetteer))
    res.seconds = time.perf_counter() - t0
    return res
