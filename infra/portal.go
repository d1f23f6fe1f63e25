package infra

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscertificatemanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfrontorigins"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3deployment"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
)

// APIPathPrefix is where the distribution serves the HTTP API: the portal
// calls it same-origin (docs/decisions.md), and a viewer-request function
// strips the prefix, so /api/me reaches the route GET /me.
const APIPathPrefix = "/api"

// Cache-Control of the deployed files: Vite puts a content hash in every
// name under assets/, so they never change; index.html and config.json
// are revalidated on every load, so a deploy shows at once.
const (
	immutableCacheControl  = "public, max-age=31536000, immutable"
	revalidateCacheControl = "max-age=0, must-revalidate"
)

// spaFallback rewrites a path whose last segment has no extension (a
// client-side route such as /account/personas) to /index.html. It runs on
// the portal's (default) behaviour only: the API's errors stay its JSON.
const spaFallback = `function handler(event) {
  var request = event.request;
  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}`

// stripAPIPrefix makes /api/admin/users the API's /admin/users.
var stripAPIPrefix = `function handler(event) {
  var request = event.request;
  request.uri = request.uri.substring(` + strconv.Itoa(len(APIPathPrefix)) + `) || '/';
  return request;
}`

// portalSite is the portal's hosting: a private bucket behind CloudFront.
type portalSite struct {
	bucket       awss3.Bucket
	distribution awscloudfront.Distribution
	// url is where the portal is: https://<portalDomain>, else the
	// distribution's own domain.
	url string
}

// contentSecurityPolicy is the portal's CSP: everything from its own
// origin (the API included, under /api), the identity provider's origin
// for its discovery document and token endpoint and the sign-in form's
// redirect (plus idpOrigins: the provider's endpoints on other origins, such
// as Cognito's hosted domain), inline styles because PatternFly sets style
// attributes from JavaScript, nothing framed.
func contentSecurityPolicy(issuer string, idpOrigins []string) string {
	origins := []string{origin(issuer)}
	for _, o := range idpOrigins {
		if o = origin(o); !slices.Contains(origins, o) {
			origins = append(origins, o)
		}
	}
	idp := strings.Join(origins, " ")
	return strings.Join([]string{
		"default-src 'self'",
		"script-src 'self'",
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data:",
		"font-src 'self'",
		"connect-src 'self' " + idp,
		"form-action 'self' " + idp,
		"frame-ancestors 'none'",
		"base-uri 'none'",
		"object-src 'none'",
	}, "; ")
}

// origin is scheme://host[:port] of an absolute URL, else raw.
func origin(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Scheme != "" && u.Host != "" {
		return u.Scheme + "://" + u.Host
	}
	return raw
}

// newPortalSite creates the bucket, the distribution (the portal at /, the
// API at /api/*) and its policies.
func newPortalSite(stack awscdk.Stack, props *PortalStackProps, api awsapigatewayv2.HttpApi) *portalSite {
	bucket := awss3.NewBucket(stack, jsii.String("PortalBucket"), &awss3.BucketProps{
		BlockPublicAccess: awss3.BlockPublicAccess_BLOCK_ALL(),
		ObjectOwnership:   awss3.ObjectOwnership_BUCKET_OWNER_ENFORCED,
		EnforceSSL:        jsii.Bool(true),
		Encryption:        awss3.BucketEncryption_S3_MANAGED,
		Versioned:         jsii.Bool(true),
		// Old hashed assets stay 30 days after a deploy replaced them.
		LifecycleRules: &[]*awss3.LifecycleRule{{NoncurrentVersionExpiration: awscdk.Duration_Days(jsii.Number(30))}},
		// Only build output: retained rather than emptied by another
		// Lambda-backed custom resource (autoDeleteObjects); docs/deploy.md
		// says how to remove it.
		RemovalPolicy: awscdk.RemovalPolicy_RETAIN,
	})
	cdknag.NagSuppressions_AddResourceSuppressions(bucket, &[]*cdknag.NagPackSuppression{{Id: jsii.String("AwsSolutions-S1"),
		Reason: jsii.String("The portal bucket holds only the public build of the SPA; only CloudFront reads it (Origin Access Control) and only the stack's deployment writes it. Server access logs would record CloudFront's own fetches.")}}, jsii.Bool(true))

	headers := awscloudfront.NewResponseHeadersPolicy(stack, jsii.String("PortalHeaders"), &awscloudfront.ResponseHeadersPolicyProps{
		Comment: jsii.String("Persona Portal: CSP, HSTS, no framing, no sniffing, no referrer"),
		SecurityHeadersBehavior: &awscloudfront.ResponseSecurityHeadersBehavior{
			ContentSecurityPolicy: &awscloudfront.ResponseHeadersContentSecurityPolicy{
				ContentSecurityPolicy: jsii.String(contentSecurityPolicy(props.JwtIssuer, props.IdPOrigins)), Override: jsii.Bool(true)},
			StrictTransportSecurity: &awscloudfront.ResponseHeadersStrictTransportSecurity{
				AccessControlMaxAge: awscdk.Duration_Days(jsii.Number(730)), IncludeSubdomains: jsii.Bool(true), Override: jsii.Bool(true)},
			ContentTypeOptions: &awscloudfront.ResponseHeadersContentTypeOptions{Override: jsii.Bool(true)},
			FrameOptions: &awscloudfront.ResponseHeadersFrameOptions{
				FrameOption: awscloudfront.HeadersFrameOption_DENY, Override: jsii.Bool(true)},
			ReferrerPolicy: &awscloudfront.ResponseHeadersReferrerPolicy{
				ReferrerPolicy: awscloudfront.HeadersReferrerPolicy_NO_REFERRER, Override: jsii.Bool(true)},
		},
	})
	viewerRequest := func(id, comment, code string) *[]*awscloudfront.FunctionAssociation {
		fn := awscloudfront.NewFunction(stack, jsii.String(id), &awscloudfront.FunctionProps{
			Comment: jsii.String(comment), Runtime: awscloudfront.FunctionRuntime_JS_2_0(),
			Code: awscloudfront.FunctionCode_FromInline(jsii.String(code)),
		})
		return &[]*awscloudfront.FunctionAssociation{{Function: fn, EventType: awscloudfront.FunctionEventType_VIEWER_REQUEST}}
	}
	apiDomain := *api.ApiId() + ".execute-api." + *stack.Region() + "." + *stack.UrlSuffix()
	distProps := &awscloudfront.DistributionProps{
		Comment:                jsii.String("Persona Portal"),
		DefaultRootObject:      jsii.String("index.html"),
		HttpVersion:            awscloudfront.HttpVersion_HTTP2_AND_3,
		MinimumProtocolVersion: awscloudfront.SecurityPolicyProtocol_TLS_V1_2_2021,
		DefaultBehavior: &awscloudfront.BehaviorOptions{
			Origin:                awscloudfrontorigins.S3BucketOrigin_WithOriginAccessControl(bucket, nil),
			ViewerProtocolPolicy:  awscloudfront.ViewerProtocolPolicy_REDIRECT_TO_HTTPS,
			CachePolicy:           awscloudfront.CachePolicy_CACHING_OPTIMIZED(),
			ResponseHeadersPolicy: headers,
			FunctionAssociations:  viewerRequest("PortalSpaFallback", "Persona Portal: client-side routes get index.html", spaFallback),
		},
		AdditionalBehaviors: &map[string]*awscloudfront.BehaviorOptions{
			APIPathPrefix + "/*": {
				Origin: awscloudfrontorigins.NewHttpOrigin(jsii.String(apiDomain), &awscloudfrontorigins.HttpOriginProps{
					ProtocolPolicy:     awscloudfront.OriginProtocolPolicy_HTTPS_ONLY,
					OriginSslProtocols: &[]awscloudfront.OriginSslPolicy{awscloudfront.OriginSslPolicy_TLS_V1_2},
				}),
				ViewerProtocolPolicy: awscloudfront.ViewerProtocolPolicy_REDIRECT_TO_HTTPS,
				AllowedMethods:       awscloudfront.AllowedMethods_ALLOW_ALL(),
				// Never cached; every viewer header (Authorization included:
				// CloudFront forwards it with caching disabled) but Host, which
				// must be the API's own domain.
				CachePolicy:           awscloudfront.CachePolicy_CACHING_DISABLED(),
				OriginRequestPolicy:   awscloudfront.OriginRequestPolicy_ALL_VIEWER_EXCEPT_HOST_HEADER(),
				ResponseHeadersPolicy: headers,
				FunctionAssociations:  viewerRequest("PortalApiPrefix", "Persona Portal: /api/<path> is the API's /<path>", stripAPIPrefix),
			},
		},
	}
	site := &portalSite{bucket: bucket}
	if props.PortalDomain != "" {
		distProps.DomainNames = jsii.Strings(props.PortalDomain)
		distProps.Certificate = awscertificatemanager.Certificate_FromCertificateArn(stack, jsii.String("PortalCertificate"),
			jsii.String(props.PortalCertificateArn))
		site.url = "https://" + props.PortalDomain
	}
	site.distribution = awscloudfront.NewDistribution(stack, jsii.String("Portal"), distProps)
	if site.url == "" {
		site.url = "https://" + *site.distribution.DistributionDomainName()
	}
	suppressions := []*cdknag.NagPackSuppression{
		{Id: jsii.String("AwsSolutions-CFR1"), Reason: jsii.String("The portal serves every country its tenants' users are in; no geo restriction is wanted.")},
		{Id: jsii.String("AwsSolutions-CFR2"), Reason: jsii.String("No WAF web ACL: the SPA is static and public, and the API behind /api/* authenticates every call with a JWT and is throttled per stage; a web ACL is an operator's choice (docs/deploy.md).")},
		{Id: jsii.String("AwsSolutions-CFR3"), Reason: jsii.String("No CloudFront access logs: the API's own access log records every API call with the caller; the static files are public.")},
	}
	if props.PortalDomain == "" {
		suppressions = append(suppressions, &cdknag.NagPackSuppression{Id: jsii.String("AwsSolutions-CFR4"),
			Reason: jsii.String("Without portalDomain the distribution uses its default *.cloudfront.net certificate, whose viewer TLS policy CloudFront fixes; with portalDomain the stack sets TLSv1.2_2021.")})
	}
	cdknag.NagSuppressions_AddResourceSuppressions(site.distribution, &suppressions, jsii.Bool(true))
	return site
}

// deploy uploads the portal's build (props.PortalAssets, Vite's dist/) and
// the runtime settings the stack knows as config.json. Two deployments,
// because each gives all its files one Cache-Control: first the hashed
// assets (immutable, never pruned, so a browser still running the previous
// index.html finds its chunks), then everything else (revalidated on every
// load, pruned, with config.json written by the stack over the build's
// local one, and the CloudFront cache of both invalidated).
func (s *portalSite) deploy(stack awscdk.Stack, props *PortalStackProps) {
	assets := awss3deployment.NewBucketDeployment(stack, jsii.String("PortalAssets"), &awss3deployment.BucketDeploymentProps{
		DestinationBucket: s.bucket,
		Sources:           &[]awss3deployment.ISource{awss3deployment.Source_Asset(jsii.String(props.PortalAssets), nil)},
		Exclude:           jsii.Strings("*"),
		Include:           jsii.Strings("assets/*"),
		Prune:             jsii.Bool(false),
		CacheControl:      &[]awss3deployment.CacheControl{awss3deployment.CacheControl_FromString(jsii.String(immutableCacheControl))},
	})
	settings := map[string]any{"api_url": APIPathPrefix, "issuer": props.JwtIssuer, "client_id": props.portalClientID()}
	pages := awss3deployment.NewBucketDeployment(stack, jsii.String("PortalPages"), &awss3deployment.BucketDeploymentProps{
		DestinationBucket: s.bucket,
		Sources: &[]awss3deployment.ISource{awss3deployment.Source_Asset(jsii.String(props.PortalAssets), nil),
			awss3deployment.Source_JsonData(jsii.String("config.json"), settings, nil)},
		Exclude:           jsii.Strings("assets/*"),
		Prune:             jsii.Bool(true),
		CacheControl:      &[]awss3deployment.CacheControl{awss3deployment.CacheControl_FromString(jsii.String(revalidateCacheControl))},
		Distribution:      s.distribution,
		DistributionPaths: jsii.Strings("/index.html", "/config.json"),
	})
	// The new index.html only once the chunks it names are there.
	pages.Node().AddDependency(assets)
	suppressDeploymentFindings(stack)
}

// suppressDeploymentFindings records why the function BucketDeployment
// brings (one per stack, shared by both deployments) is as the CDK makes it.
func suppressDeploymentFindings(stack awscdk.Stack) {
	handler := stack.Node().TryFindChild(jsii.String("Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C"))
	if handler == nil {
		return
	}
	cdknag.NagSuppressions_AddResourceSuppressions(handler, &[]*cdknag.NagPackSuppression{
		{Id: jsii.String("AwsSolutions-IAM4"),
			AppliesTo: &[]any{"Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"},
			Reason:    jsii.String("The CDK's BucketDeployment function writes its logs with the AWS managed basic execution policy (logs only); the construct creates its role so.")},
		{Id: jsii.String("AwsSolutions-IAM5"),
			AppliesTo: &[]any{"Action::s3:GetObject*", "Action::s3:GetBucket*", "Action::s3:List*", "Action::s3:DeleteObject*", "Action::s3:Abort*"},
			Reason:    jsii.String("BucketDeployment's grants (grantRead on the CDK asset bucket, grantReadWrite on the portal bucket): the wildcards are the S3 read/write action groups of those two buckets only.")},
		{Id: jsii.String("AwsSolutions-IAM5"),
			AppliesTo: &[]any{&cdknag.RegexAppliesTo{Regex: jsii.String(`/^Resource::<PortalBucket[0-9A-F]+\.Arn>\/\*$/`)}},
			Reason:    jsii.String("The deployment syncs the portal's build into every key of the portal bucket, and prunes keys the build no longer has.")},
		{Id: jsii.String("AwsSolutions-IAM5"),
			AppliesTo: &[]any{&cdknag.RegexAppliesTo{Regex: jsii.String(`/^Resource::arn:<AWS::Partition>:s3:::cdk-[a-z0-9]+-assets-.+\/\*$/`)}},
			Reason:    jsii.String("The deployment reads the portal build's zip from the CDK bootstrap asset bucket; asset keys are content hashes known only at synthesis.")},
		{Id: jsii.String("AwsSolutions-L1"),
			Reason: jsii.String("The BucketDeployment function's runtime is chosen by aws-cdk-lib (pinned in go.mod) and moves with its upgrades; the stack cannot set it.")},
	}, jsii.Bool(true))
}
