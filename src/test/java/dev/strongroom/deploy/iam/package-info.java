/**
 * An evaluator of IAM identity and resource policies, enough of AWS's documented evaluation logic to
 * judge the policies in {@code policies/} the way AWS would, without an AWS account.
 *
 * <p>Vocabulary. A <b>request</b> is one API call as IAM sees it: an action ({@code s3:GetObject}), every
 * resource it touches, each with the tags it carries, and the request's context keys
 * ({@code ec2:SourceInstanceARN}, {@code kms:ViaService}). A <b>statement</b> matches a request's action and
 * one of its resources when its Action (or NotAction), Resource (or NotResource) and every Condition
 * hold. A request is <b>allowed</b> when every resource it touches is matched by an Allow statement and
 * none by a Deny; an explicit Deny wins over any Allow. Resource tags become the context keys
 * {@code aws:ResourceTag/K} and {@code ec2:ResourceTag/K} of that resource alone, as EC2 authorizes each
 * resource of a call (a volume and an instance for AttachVolume) on its own.
 *
 * <p>Sources: "Policy evaluation logic", "IAM JSON policy elements: Condition operators", "Policy
 * variables" in the IAM User Guide. Unknown condition operators are refused, never ignored, so a
 * policy can never pass a test by using something the evaluator does not understand.
 */
package dev.strongroom.deploy.iam;
