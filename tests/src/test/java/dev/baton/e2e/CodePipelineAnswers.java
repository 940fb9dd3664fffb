package dev.baton.e2e;

/**
 * CodePipeline's answers to the look-ups the alerts function makes, shaped as the API Reference documents them
 * (GetPipelineExecution, ListActionExecutions; timestamps as epoch seconds).
 */
final class CodePipelineAnswers {
  static final String PAYMENTS_EXECUTION = "8d2e6b41-0c3f-4a57-b9e2-71f5c4d3a806";
  static final String CONNECTION = "arn:aws:codestar-connections:eu-west-1:123456789012:connection/"
      + "0f5b706a-1a1d-46c5-86b6-f177321bcfb2";
  static final String RELEASE_ROLE = "arn:aws:sts::123456789012:assumed-role/baton-ReleaseTriggerFunctionRole-7QK2M9/"
      + "baton-ReleaseTriggerFunction-Xr4Lp8";

  private CodePipelineAnswers() {}

  /** payments-deploy 8d2e6b41: started by a GitHub push (WebhookV2), commit 9fceb02. */
  static String paymentsExecution(String status) {
    return """
        {"pipelineExecution": {
          "pipelineName": "payments-deploy", "pipelineVersion": 7,
          "pipelineExecutionId": "8d2e6b41-0c3f-4a57-b9e2-71f5c4d3a806", "status": "%s",
          "artifactRevisions": [{
            "name": "SourceArtifact", "revisionId": "9fceb02d0ae598e95dc970b74767f19372d61af8",
            "revisionSummary": "{\\"ProviderType\\":\\"GitHub\\",\\"CommitMessage\\":\\"Retry card authorisation on gateway timeouts\\"}",
            "revisionUrl": "https://github.com/acme/payments/commit/9fceb02d0ae598e95dc970b74767f19372d61af8",
            "created": 1763632111.0}],
          "trigger": {"triggerType": "WebhookV2", "triggerDetail": "%s"},
          "executionMode": "SUPERSEDED", "executionType": "STANDARD"}}""".formatted(status, CONNECTION);
  }

  /** ledger-deploy c41f9a27: started by Baton's release-trigger (StartPipelineExecution, S3 source pinned). */
  static String ledgerExecution() {
    return """
        {"pipelineExecution": {
          "pipelineName": "ledger-deploy", "pipelineVersion": 12,
          "pipelineExecutionId": "c41f9a27-6e0b-4d83-b5a2-9f1e7c3d2a60", "status": "InProgress",
          "artifactRevisions": [{"name": "Artifact", "revisionId": "3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY.MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo",
            "revisionSummary": "releases/ledger/2.0.0/ledger-2.0.0.zip", "created": 1763649100.0}],
          "variables": [{"name": "VERSION", "resolvedValue": "2.0.0"}],
          "trigger": {"triggerType": "StartPipelineExecution", "triggerDetail": "%s"},
          "executionMode": "QUEUED", "executionType": "STANDARD"}}""".formatted(RELEASE_ROLE);
  }

  /** payments-deploy f08b3d62, stopped by an operator. */
  static String stoppedExecution() {
    return """
        {"pipelineExecution": {
          "pipelineName": "payments-deploy", "pipelineVersion": 7,
          "pipelineExecutionId": "f08b3d62-9a1c-4e75-8d24-5c6a7e9b0f31", "status": "Stopped",
          "statusSummary": "Stopped by arn:aws:sts::123456789012:assumed-role/Operators/jdoe: bad config pushed, rolling back",
          "artifactRevisions": [{"name": "SourceArtifact", "revisionId": "2b7e9d1c4a6f8e0b3d5c7a9e1f3b5d7c9e1a3b5d",
            "revisionSummary": "{\\"ProviderType\\":\\"GitHub\\",\\"CommitMessage\\":\\"Raise the gateway pool size\\"}",
            "revisionUrl": "https://github.com/acme/payments/commit/2b7e9d1c4a6f8e0b3d5c7a9e1f3b5d7c9e1a3b5d"}],
          "trigger": {"triggerType": "WebhookV2", "triggerDetail": "%s"}}}""".formatted(CONNECTION);
  }

  /** One failed action in ListActionExecutions: the error only in errorDetails (no external summary). */
  static String failedAction(String executionId, String stage, String action, String provider, String category,
                             String errorMessage) {
    return """
        {"pipelineExecutionId": "%s", "actionExecutionId": "%s-run", "pipelineVersion": 3,
         "stageName": "%s", "actionName": "%s", "startTime": 1763712303.1, "lastUpdateTime": 1763713065.2,
         "status": "Failed",
         "input": {"actionTypeId": {"category": "%s", "owner": "AWS", "provider": "%s", "version": "1"},
                   "configuration": {"ProjectName": "%s"}, "region": "eu-west-1"},
         "output": {"outputArtifacts": [],
                    "executionResult": {"externalExecutionId": "%s:2f4a6c8e-0b2d-4f6a-8c0e-2a4c6e8a0c2e",
                      "externalExecutionUrl": "https://console.aws.amazon.com/codebuild/home?region=eu-west-1#/builds/%s:2f4a6c8e-0b2d-4f6a-8c0e-2a4c6e8a0c2e/view/new",
                      "errorDetails": {"code": "JobFailed", "message": "%s"}}}}"""
        .formatted(executionId, action, stage, action, category, provider, action.toLowerCase(),
            action.toLowerCase(), action.toLowerCase(), errorMessage);
  }

  /** A succeeded action in ListActionExecutions. */
  static String succeededAction(String executionId, String stage, String action) {
    return """
        {"pipelineExecutionId": "%s", "actionExecutionId": "%s-ok", "stageName": "%s", "actionName": "%s",
         "startTime": 1763712100.0, "lastUpdateTime": 1763712200.0, "status": "Succeeded",
         "input": {"actionTypeId": {"category": "Source", "owner": "ThirdParty", "provider": "GitHub", "version": "2"}},
         "output": {"executionResult": {"externalExecutionId": "9fceb02d0ae598e95dc970b74767f19372d61af8"}}}"""
        .formatted(executionId, action, stage, action);
  }

  static String actionExecutions(String... details) {
    return "{\"actionExecutionDetails\": [" + String.join(",", details) + "]}";
  }
}
