"""import -> train -> deploy -> analyze against the local service from Python, the way the official SDKs poll.

Authoring: azure-core's LROPoller with LROBasePolling and a 30 s polling interval, which is exactly what the
generated authoring SDK (azure-ai-textanalytics-authoring 1.0.0b1, not packaged for Debian) does; runtime: the
real azure-ai-textanalytics client. Prints one JSON line of step timings in seconds.
Usage: e2e.py ENDPOINT KEY LABELS_JSON_FILE DOCS_JSON_FILE   (REQUESTS_CA_BUNDLE trusts the service's certificate)
"""
import json
import sys
import time

from azure.ai.textanalytics import SingleLabelClassifyAction, TextAnalyticsClient
from azure.core import PipelineClient
from azure.core.credentials import AzureKeyCredential
from azure.core.pipeline.policies import AzureKeyCredentialPolicy, HeadersPolicy, RequestIdPolicy, RetryPolicy
from azure.core.polling import LROPoller
from azure.core.polling.base_polling import LROBasePolling
from azure.core.rest import HttpRequest

AUTHORING_VERSION = "2025-05-15-preview"  # the authoring SDK's default
POLLING_INTERVAL = 30  # the authoring SDK's default polling_interval


def main():
    endpoint, key, labels_file, docs_file = sys.argv[1:5]
    labels = json.load(open(labels_file))
    docs = json.load(open(docs_file))
    project = labels["metadata"]["projectName"]
    client = PipelineClient(
        base_url=endpoint,
        policies=[RequestIdPolicy(), HeadersPolicy(), AzureKeyCredentialPolicy(AzureKeyCredential(key), "Ocp-Apim-Subscription-Key"), RetryPolicy()],
    )
    base = f"{endpoint}/language/authoring/analyze-text/projects/{project}"

    def lro(method, path, body):
        request = HttpRequest(method, f"{base}{path}?api-version={AUTHORING_VERSION}", json=body)
        response = client._pipeline.run(request, stream=False)
        if response.http_response.status_code != 202:
            raise RuntimeError(f"{method} {path}: {response.http_response.status_code} {response.http_response.text()}")
        LROPoller(client, response, lambda r: None, LROBasePolling(POLLING_INTERVAL)).result()

    timings = {}
    started = time.monotonic()
    lro("POST", "/:import", labels)
    timings["import"] = time.monotonic() - started
    t = time.monotonic()
    lro("POST", "/:train", {"modelLabel": "m", "trainingConfigVersion": "latest"})
    timings["train"] = time.monotonic() - t
    t = time.monotonic()
    lro("PUT", "/deployments/prod", {"trainedModelLabel": "m"})
    timings["deploy"] = time.monotonic() - t
    t = time.monotonic()
    runtime = TextAnalyticsClient(endpoint, AzureKeyCredential(key), api_version="2022-05-01")
    # begin_analyze_actions: Debian's 5.3.0b2 refuses begin_single_label_classify under GA api versions.
    action = SingleLabelClassifyAction(project_name=project, deployment_name="prod")
    pages = runtime.begin_analyze_actions(docs, [action]).result()
    classified = sum(1 for document in pages for r in document if not r.is_error)
    timings["analyze"] = time.monotonic() - t
    timings["total"] = time.monotonic() - started
    timings["classified"] = classified
    print(json.dumps(timings))


main()
