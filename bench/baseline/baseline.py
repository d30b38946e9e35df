"""scikit-learn baseline for the engine benchmark (never a runtime dependency).

Reads one JSON job on stdin, trains on the folds the benchmark chose and writes JSON on stdout:
out-of-fold predictions (the benchmark scores both sides with the same code) and the fit time of each fold,
measured here so interpreter start-up and imports are not counted. With "repeats": r, each fold is fitted
r times and its fastest fit is reported (the benchmark does the same for its own side).

Jobs:
  {"task": "single" | "multi", "texts": [str], "labels": [[str]], "folds": [int], "peer": "tuned" | "defaults"}
      tuned: TF-IDF of word 1-2-grams and of char_wb 2-5-grams (min_df 2), both sublinear, in a feature union,
      + LogisticRegression(C=10); defaults: TF-IDF + LogisticRegression at their defaults. One-vs-rest for
      multi-label (threshold 0.5).
  {"task": "ner", "docs": [{"tokens": [str], "newline": [bool], "tags": [str]}], "folds": [int]}
      per-token LogisticRegression over DictVectorizer features (word, neighbours, shape, affixes).
"""
import json
import sys
import time
import warnings

from sklearn.exceptions import ConvergenceWarning

from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer


# At C=10 lbfgs may stop at its default 100 iterations: the peer is what an ordinary user runs, warnings and all.
warnings.filterwarnings("ignore", category=ConvergenceWarning)


def vectorizer_for(peer):
    if peer == "defaults":
        return TfidfVectorizer()
    return FeatureUnion([
        ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
    ])


def classifier_for(peer):
    return LogisticRegression() if peer == "defaults" else LogisticRegression(C=10)


def classification(job):
    texts, labels, folds = job["texts"], job["labels"], job["folds"]
    multi = job["task"] == "multi"
    peer = job.get("peer", "tuned")
    predictions = [None] * len(texts)
    fit_seconds = []
    for fold in sorted(set(folds)):
        train = [i for i, f in enumerate(folds) if f != fold]
        test = [i for i, f in enumerate(folds) if f == fold]
        fastest = float("inf")
        for _ in range(job.get("repeats", 1)):
            started = time.perf_counter()
            vectorizer = vectorizer_for(peer)
            x_train = vectorizer.fit_transform([texts[i] for i in train])
            if multi:
                binarizer = MultiLabelBinarizer()
                y_train = binarizer.fit_transform([labels[i] for i in train])
                model = OneVsRestClassifier(classifier_for(peer)).fit(x_train, y_train)
            else:
                model = classifier_for(peer).fit(x_train, [labels[i][0] for i in train])
            fastest = min(fastest, time.perf_counter() - started)
        fit_seconds.append(fastest)
        predicted = model.predict(vectorizer.transform([texts[i] for i in test]))
        for i, row in zip(test, predicted):
            if multi:
                predictions[i] = [c for c, on in zip(binarizer.classes_, row) if on]
            else:
                predictions[i] = [str(row)]
    return {"predictions": predictions, "fitSeconds": fit_seconds}


def shape(word):
    out = []
    for ch in word:
        kind = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)


def token_features(tokens, newline, i):
    word = tokens[i]
    features = {
        "w": word.lower(),
        "shape": shape(word),
        "pre3": word[:3].lower(),
        "suf3": word[-3:].lower(),
        "title": word.istitle(),
        "digit": word.isdigit(),
        "newline": newline[i],
    }
    for d in (-2, -1, 1, 2):
        j = i + d
        features["w%+d" % d] = tokens[j].lower() if 0 <= j < len(tokens) else "<edge>"
    return features


def ner(job):
    docs, folds = job["docs"], job["folds"]
    predictions = [None] * len(docs)
    fit_seconds = []
    for fold in sorted(set(folds)):
        train = [i for i, f in enumerate(folds) if f != fold]
        test = [i for i, f in enumerate(folds) if f == fold]
        fastest = float("inf")
        for _ in range(job.get("repeats", 1)):
            started = time.perf_counter()
            rows, tags = [], []
            for i in train:
                doc = docs[i]
                for t in range(len(doc["tokens"])):
                    rows.append(token_features(doc["tokens"], doc["newline"], t))
                    tags.append(doc["tags"][t])
            vectorizer = DictVectorizer()
            model = LogisticRegression(max_iter=200).fit(vectorizer.fit_transform(rows), tags)
            fastest = min(fastest, time.perf_counter() - started)
        fit_seconds.append(fastest)
        for i in test:
            doc = docs[i]
            x = vectorizer.transform([token_features(doc["tokens"], doc["newline"], t) for t in range(len(doc["tokens"]))])
            predictions[i] = [str(tag) for tag in model.predict(x)]
    return {"predictions": predictions, "fitSeconds": fit_seconds}


def main():
    job = json.load(sys.stdin)
    result = ner(job) if job["task"] == "ner" else classification(job)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
