// Package infra is the AWS CDK app of the portal: the table from the
// store's schema, one Lambda function per entry of the operations table
// with exactly the grants its needs name, the HTTP API with its JWT
// authorizer, and the alarms. Everything is derived from
// internal/operations and internal/store: adding an operation adds its
// function, route, grants and alarms here without a change to this file.
package infra

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2authorizers"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2integrations"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatchactions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awskms"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
	"github.com/personaportal/portal/internal/auth"
	"github.com/personaportal/portal/internal/httpapi"
	"github.com/personaportal/portal/internal/operations"
	"github.com/personaportal/portal/internal/store"
)

// PortalStackProps configures the stack.
type PortalStackProps struct {
	awscdk.StackProps
	// JwtIssuer and JwtAudience configure the HTTP API's JWT authorizer.
	JwtIssuer   string
	JwtAudience string
	// PortalOrigin, when set, is an origin CORS allows besides the stack's
	// own portal (which calls the API same-origin under /api): a portal
	// served from elsewhere. Empty: the API sends no CORS headers.
	PortalOrigin string
	// PortalURL is the portal_base_url of every tenant that has not set its
	// own (PORTAL_BASE_URL of every function): e-mailed links and magic
	// links start with it. Empty: the stack's portal (https://PortalDomain,
	// else the distribution's domain).
	PortalURL string
	// PortalDomain and PortalCertificateArn, both or neither, give the
	// distribution a custom domain with an ACM certificate of us-east-1.
	PortalDomain, PortalCertificateArn string
	// PortalClientID is the portal's client ID at the identity provider
	// (client_id of config.json). Empty: JwtAudience.
	PortalClientID string
	// IdPOrigins are the identity provider's origins besides the issuer's
	// that the portal calls or posts to (CSP connect-src and form-action):
	// Cognito's token endpoint is on its hosted domain.
	IdPOrigins []string
	// PortalAssets is the portal's build (web/dist) that the stack uploads;
	// tests pass a tiny stand-in.
	PortalAssets string
	// MailFrom is the SES identity e-mails are sent from; SESIdentity the
	// identity name (domain or address) ses:SendEmail is granted on.
	MailFrom    string
	SESIdentity string
	// Claims names the identity provider's tenant and groups claims and the
	// tenant-admin group (TENANT_CLAIM, GROUPS_CLAIM, ADMIN_GROUP of every
	// function); empty fields take the defaults of API.md.
	Claims auth.Config
	// Code returns each function's deployment package (the zip make build
	// writes); tests pass a tiny stand-in so synthesis bundles nothing.
	Code func(operation string) awslambda.Code
	// AlarmEmail, when set, subscribes to the alarm topic that every alarm
	// of the stack notifies (the address confirms the subscription).
	AlarmEmail string
	// ThrottleRate and ThrottleBurst limit the whole API (requests/s).
	ThrottleRate, ThrottleBurst float64
}

// portalClientID is the client_id of config.json: PortalClientID, else
// JwtAudience (an ID token's audience is the client).
func (p *PortalStackProps) portalClientID() string {
	if p.PortalClientID != "" {
		return p.PortalClientID
	}
	return p.JwtAudience
}

// NewPortalStack defines the portal's stack.
func NewPortalStack(scope constructs.Construct, id string, props *PortalStackProps) awscdk.Stack {
	stack := awscdk.NewStack(scope, jsii.String(id), &props.StackProps)
	table := newTable(stack)

	logs := awslogs.NewLogGroup(stack, jsii.String("ApiAccessLogs"), &awslogs.LogGroupProps{
		Retention: awslogs.RetentionDays_THREE_MONTHS, RemovalPolicy: awscdk.RemovalPolicy_RETAIN})
	apiProps := &awsapigatewayv2.HttpApiProps{ApiName: jsii.String("persona-portal"), CreateDefaultStage: jsii.Bool(false)}
	if props.PortalOrigin != "" {
		apiProps.CorsPreflight = &awsapigatewayv2.CorsPreflightOptions{
			AllowOrigins: jsii.Strings(props.PortalOrigin),
			AllowMethods: &[]awsapigatewayv2.CorsHttpMethod{awsapigatewayv2.CorsHttpMethod_GET, awsapigatewayv2.CorsHttpMethod_POST,
				awsapigatewayv2.CorsHttpMethod_PUT, awsapigatewayv2.CorsHttpMethod_PATCH, awsapigatewayv2.CorsHttpMethod_DELETE},
			AllowHeaders: jsii.Strings("Authorization", "Content-Type"),
			MaxAge:       awscdk.Duration_Hours(jsii.Number(1)),
		}
	}
	api := awsapigatewayv2.NewHttpApi(stack, jsii.String("Api"), apiProps)
	// The portal (bucket, distribution) before the functions: their
	// PORTAL_BASE_URL defaults to its URL.
	site := newPortalSite(stack, props, api)
	portalURL := props.PortalURL
	if portalURL == "" {
		portalURL = site.url
	}
	// $default: a named stage would put its name in every raw path.
	stage := awsapigatewayv2.NewHttpStage(stack, jsii.String("DefaultStage"), &awsapigatewayv2.HttpStageProps{
		HttpApi: api, StageName: jsii.String("$default"), AutoDeploy: jsii.Bool(true),
		Throttle: &awsapigatewayv2.ThrottleSettings{RateLimit: jsii.Number(props.ThrottleRate), BurstLimit: jsii.Number(props.ThrottleBurst)},
	})
	stage.Node().DefaultChild().(awsapigatewayv2.CfnStage).SetAccessLogSettings(&awsapigatewayv2.CfnStage_AccessLogSettingsProperty{
		DestinationArn: logs.LogGroupArn(),
		Format: jsii.String(`{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","time":"$context.requestTime",` +
			`"method":"$context.httpMethod","route":"$context.routeKey","status":"$context.status","latency":"$context.responseLatency",` +
			`"integrationError":"$context.integrationErrorMessage","sub":"$context.authorizer.claims.sub"}`),
	})
	jwt := awsapigatewayv2authorizers.NewHttpJwtAuthorizer(jsii.String("JwtAuthorizer"), jsii.String(props.JwtIssuer),
		&awsapigatewayv2authorizers.HttpJwtAuthorizerProps{JwtAudience: jsii.Strings(props.JwtAudience)})

	alarms := newAlarmTopic(stack, props.AlarmEmail)
	f := &functions{stack: stack, props: props, portalURL: portalURL, table: table, roles: map[string]awsiam.Role{}, alarms: alarms,
		logs: awslogs.NewLogGroup(stack, jsii.String("FunctionLogs"), &awslogs.LogGroupProps{
			Retention: awslogs.RetentionDays_ONE_MONTH, RemovalPolicy: awscdk.RemovalPolicy_DESTROY})}
	provisioner, _ := operations.Find(operations.ProvisionIdentity)
	f.provision = f.newFunction(provisioner)
	for _, op := range operations.Invoked {
		if op.Schedule != "" {
			schedule(stack, alarms, op, f.newFunction(op))
		}
	}
	fns := map[string]awslambda.Function{}
	for _, op := range operations.All {
		fn := f.newFunction(op)
		fns[op.Name] = fn
		var authorizer awsapigatewayv2.IHttpRouteAuthorizer = jwt
		if op.Role == httpapi.Public {
			authorizer = awsapigatewayv2.NewHttpNoneAuthorizer()
		}
		route := awsapigatewayv2.NewHttpRoute(stack, jsii.String("Route-"+op.Name), &awsapigatewayv2.HttpRouteProps{
			HttpApi:     api,
			RouteKey:    awsapigatewayv2.HttpRouteKey_With(jsii.String(op.Path), awsapigatewayv2.HttpMethod(op.Method)),
			Integration: awsapigatewayv2integrations.NewHttpLambdaIntegration(jsii.String("Integration-"+op.Name), fn, nil),
			Authorizer:  authorizer,
		})
		if op.Role == httpapi.Public {
			suppressPublicHealthz(route)
		}
	}
	newDashboard(stack, fns)
	site.deploy(stack, props)
	suppressNagFindings(stack)
	awscdk.NewCfnOutput(stack, jsii.String("PortalUrl"), &awscdk.CfnOutputProps{Value: jsii.String(site.url)})
	awscdk.NewCfnOutput(stack, jsii.String("ApiUrl"), &awscdk.CfnOutputProps{Value: api.ApiEndpoint()})
	awscdk.NewCfnOutput(stack, jsii.String("TableName"), &awscdk.CfnOutputProps{Value: table.TableName()})
	awscdk.NewCfnOutput(stack, jsii.String("AlarmTopicArn"), &awscdk.CfnOutputProps{Value: alarms.topic.TopicArn()})
	return stack
}

// alarmTopic is the SNS topic every alarm of the stack notifies: encrypted
// with a key of its own (CloudWatch cannot use the AWS managed SNS key) and
// refusing publishers without TLS.
type alarmTopic struct {
	stack awscdk.Stack
	topic awssns.Topic
}

func newAlarmTopic(stack awscdk.Stack, email string) alarmTopic {
	key := awskms.NewKey(stack, jsii.String("AlarmTopicKey"), &awskms.KeyProps{
		Description: jsii.String("Encrypts the portal's alarm topic"), EnableKeyRotation: jsii.Bool(true),
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY,
	})
	// CloudWatch publishes the alarms: it must encrypt with the key.
	key.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("cloudwatch.amazonaws.com"), nil)},
		Actions:    jsii.Strings("kms:Decrypt", "kms:GenerateDataKey*"),
		Resources:  jsii.Strings("*"),
	}), nil)
	topic := awssns.NewTopic(stack, jsii.String("AlarmTopic"), &awssns.TopicProps{
		DisplayName: jsii.String("Persona Portal alarms"), MasterKey: key, EnforceSSL: jsii.Bool(true),
	})
	// The topic policy replaces SNS's default one: CloudWatch alarms of this
	// account may publish.
	topic.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("cloudwatch.amazonaws.com"), nil)},
		Actions:    jsii.Strings("sns:Publish"),
		Resources:  jsii.Strings(*topic.TopicArn()),
		Conditions: &map[string]any{
			"ArnLike":      map[string]any{"aws:SourceArn": fmt.Sprintf("arn:%s:cloudwatch:%s:%s:alarm:*", *stack.Partition(), *stack.Region(), *stack.Account())},
			"StringEquals": map[string]any{"aws:SourceAccount": *stack.Account()},
		},
	}))
	if email != "" {
		topic.AddSubscription(awssnssubscriptions.NewEmailSubscription(jsii.String(email), nil))
	}
	return alarmTopic{stack: stack, topic: topic}
}

// alarm creates an alarm that notifies the topic when it fires.
func (a alarmTopic) alarm(id string, props *awscloudwatch.AlarmProps) {
	awscloudwatch.NewAlarm(a.stack, jsii.String(id), props).AddAlarmAction(awscloudwatchactions.NewSnsAction(a.topic))
}

// newTable creates the table from store.Schema: on demand, point-in-time
// recovery, deletion protection, retained on stack deletion, encrypted.
func newTable(stack awscdk.Stack) awsdynamodb.Table {
	s := store.Schema
	table := awsdynamodb.NewTable(stack, jsii.String("Table"), &awsdynamodb.TableProps{
		PartitionKey: &awsdynamodb.Attribute{Name: jsii.String(s.PartitionKey), Type: awsdynamodb.AttributeType_STRING},
		SortKey:      &awsdynamodb.Attribute{Name: jsii.String(s.SortKey), Type: awsdynamodb.AttributeType_STRING},
		BillingMode:  awsdynamodb.BillingMode_PAY_PER_REQUEST,
		PointInTimeRecoverySpecification: &awsdynamodb.PointInTimeRecoverySpecification{
			PointInTimeRecoveryEnabled: jsii.Bool(true)},
		DeletionProtection:  jsii.Bool(true),
		RemovalPolicy:       awscdk.RemovalPolicy_RETAIN,
		Encryption:          awsdynamodb.TableEncryption_AWS_MANAGED,
		TimeToLiveAttribute: jsii.String(s.TTLAttribute),
	})
	for _, ix := range s.Indexes {
		table.AddGlobalSecondaryIndex(&awsdynamodb.GlobalSecondaryIndexProps{
			IndexName:      jsii.String(ix.Name),
			PartitionKey:   &awsdynamodb.Attribute{Name: jsii.String(ix.PartitionKey), Type: awsdynamodb.AttributeType_STRING},
			SortKey:        &awsdynamodb.Attribute{Name: jsii.String(ix.SortKey), Type: awsdynamodb.AttributeType_STRING},
			ProjectionType: awsdynamodb.ProjectionType_ALL,
		})
	}
	return table
}

// functions creates the Lambda functions. They share one log group (each
// function's streams are named by it), and functions whose needs are the
// same share one role: the same privileges, and a stack that stays well
// under CloudFormation's 500 resources.
type functions struct {
	stack     awscdk.Stack
	props     *PortalStackProps
	portalURL string
	table     awsdynamodb.Table
	logs      awslogs.LogGroup
	roles     map[string]awsiam.Role
	provision awslambda.Function
	alarms    alarmTopic
}

// role returns the role of a set of needs, creating it with exactly the
// grants they name on first use.
func (f *functions) role(op operations.Operation) awsiam.Role {
	invokes := slices.Contains(op.Needs, operations.Provision) && op.ReadOnly() && f.provision != nil
	var key []string
	for _, n := range op.Needs {
		key = append(key, string(n))
	}
	slices.Sort(key)
	name := strings.Join(key, "+")
	if invokes {
		name += "+invoke-provision"
	}
	if r, ok := f.roles[name]; ok {
		return r
	}
	id := "RoleNoNeeds"
	if name != "" {
		id = "Role" + constructID(strings.NewReplacer(":", "-", "+", "-").Replace(name))
	}
	role := awsiam.NewRole(f.stack, jsii.String(id), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		Description: jsii.String("Portal functions that need: " + name),
	})
	f.logs.GrantWrite(role)
	for _, need := range op.Needs {
		switch need {
		case operations.TableRead:
			f.table.GrantReadData(role)
		case operations.TableWrite:
			f.table.GrantWriteData(role)
		case operations.SendsEmail:
			role.AddToPrincipalPolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
				Actions: jsii.Strings("ses:SendEmail"),
				Resources: jsii.Strings(fmt.Sprintf("arn:%s:ses:%s:%s:identity/%s", *f.stack.Partition(), *f.stack.Region(),
					*f.stack.Account(), f.props.SESIdentity)),
			}))
		}
	}
	if invokes {
		// A read-only function never writes: it invokes provision-identity.
		f.provision.GrantInvoke(role)
	}
	f.roles[name] = role
	return role
}

// newFunction creates an operation's function and its alarms.
func (f *functions) newFunction(op operations.Operation) awslambda.Function {
	id := constructID(op.Name)
	// DYNAMODB_ENDPOINT is empty in AWS; it is declared so that SAM CLI's
	// env-vars file can aim local invocations at a local DynamoDB.
	claims := f.props.Claims.WithDefaults()
	env := map[string]*string{"TABLE_NAME": f.table.TableName(), "DYNAMODB_ENDPOINT": jsii.String(""),
		"TENANT_CLAIM": jsii.String(claims.TenantClaim), "GROUPS_CLAIM": jsii.String(claims.GroupsClaim),
		"ADMIN_GROUP": jsii.String(claims.AdminGroup), "PORTAL_BASE_URL": jsii.String(f.portalURL)}
	if slices.Contains(op.Needs, operations.SendsEmail) {
		env["MAIL_FROM"] = jsii.String(f.props.MailFrom)
	}
	if op.ReadOnly() && slices.Contains(op.Needs, operations.Provision) && f.provision != nil {
		env["PROVISION_FUNCTION"] = f.provision.FunctionName()
	}
	description := op.Pattern()
	if op.Method == "" {
		description = op.Name + " (no route: invoked or scheduled)"
	}
	fn := awslambda.NewFunction(f.stack, jsii.String(id), &awslambda.FunctionProps{
		Role:         f.role(op),
		Description:  jsii.String(description),
		Runtime:      awslambda.Runtime_PROVIDED_AL2023(),
		Architecture: awslambda.Architecture_ARM_64(),
		Handler:      jsii.String("bootstrap"),
		Code:         f.props.Code(op.Name),
		MemorySize:   jsii.Number(memory(op)),
		Timeout:      awscdk.Duration_Seconds(jsii.Number(timeout(op))),
		Environment:  &env,
		LogGroup:     f.logs,
		Tracing:      awslambda.Tracing_ACTIVE,
	})
	for name, metric := range map[string]awscloudwatch.Metric{
		"Errors":    fn.MetricErrors(&awscloudwatch.MetricOptions{Period: awscdk.Duration_Minutes(jsii.Number(5))}),
		"Throttles": fn.MetricThrottles(&awscloudwatch.MetricOptions{Period: awscdk.Duration_Minutes(jsii.Number(5))}),
	} {
		f.alarms.alarm(id+name, &awscloudwatch.AlarmProps{
			AlarmDescription:   jsii.String(op.Name + ": " + strings.ToLower(name) + " in the last 5 minutes"),
			Metric:             metric,
			Threshold:          jsii.Number(1),
			EvaluationPeriods:  jsii.Number(1),
			ComparisonOperator: awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
			TreatMissingData:   awscloudwatch.TreatMissingData_NOT_BREACHING,
		})
	}
	return fn
}

// timeout is 10 s for a request, 60 s for a scheduled job's batch.
func timeout(op operations.Operation) float64 {
	switch {
	case op.Schedule != "":
		return 60
	case op.Bulk():
		return 29 // API Gateway answers 503 at 30 s; import stops starting lines 2 s before
	}
	return 10
}

// memory gives bulk operations more (and so more CPU) to parse and plan a
// whole file.
func memory(op operations.Operation) float64 {
	if op.Bulk() {
		return 1024
	}
	return 256
}

// constructID turns an operation name into a construct ID (GetMe).
func constructID(name string) string {
	var b strings.Builder
	for _, part := range strings.Split(name, "-") {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

// suppressNagFindings records, with this stack's reasons, the AwsSolutions
// findings that are deliberate here.
func suppressNagFindings(stack awscdk.Stack) {
	cdknag.NagSuppressions_AddStackSuppressions(stack, &[]*cdknag.NagPackSuppression{
		{Id: jsii.String("AwsSolutions-IAM5"), AppliesTo: &[]any{"Resource::*"},
			Reason: jsii.String("X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords cannot be scoped to a resource; these are the only actions on *.")},
		{Id: jsii.String("AwsSolutions-IAM5"),
			AppliesTo: &[]any{&cdknag.RegexAppliesTo{Regex: jsii.String(`/^Resource::<Table[0-9A-F]+\.Arn>\/index\/\*$/`)}},
			Reason:    jsii.String("The portal table's own global secondary indexes (gsi1-gsi3 from store.Schema): queries name the index, and the grant reaches no other table.")},
		{Id: jsii.String("AwsSolutions-IAM5"),
			AppliesTo: &[]any{&cdknag.RegexAppliesTo{Regex: jsii.String(`/^Resource::<ProvisionIdentity[0-9A-F]+\.Arn>:\*$/`)}},
			Reason:    jsii.String("Read-only functions may invoke the provision-identity function (any version or alias of that one function) to link or provision a caller on first sight.")},
	}, jsii.Bool(false))
}

// suppressPublicHealthz records why the health route has no authorizer.
func suppressPublicHealthz(route awsapigatewayv2.HttpRoute) {
	cdknag.NagSuppressions_AddResourceSuppressions(route, &[]*cdknag.NagPackSuppression{{Id: jsii.String("AwsSolutions-APIG4"),
		Reason: jsii.String("GET /healthz is public by design (API.md): it touches no data and only says that the function runs.")}}, jsii.Bool(true))
}

// schedule runs a job on its EventBridge schedule. A failed invocation is
// retried twice within an hour; then the event goes to a dead-letter queue
// (encrypted, TLS only, kept 14 days) whose first message raises an alarm.
func schedule(stack awscdk.Stack, alarms alarmTopic, op operations.Operation, fn awslambda.Function) {
	id := constructID(op.Name)
	dlq := awssqs.NewQueue(stack, jsii.String(id+"DeadLetters"), &awssqs.QueueProps{
		Encryption: awssqs.QueueEncryption_SQS_MANAGED, EnforceSSL: jsii.Bool(true),
		RetentionPeriod: awscdk.Duration_Days(jsii.Number(14)),
	})
	cdknag.NagSuppressions_AddResourceSuppressions(dlq, &[]*cdknag.NagPackSuppression{{Id: jsii.String("AwsSolutions-SQS3"),
		Reason: jsii.String("This queue is itself the dead-letter queue of the " + op.Name + " schedule; it needs none.")}}, jsii.Bool(true))
	rule := awsevents.NewRule(stack, jsii.String(id+"Schedule"), &awsevents.RuleProps{
		Description: jsii.String("Runs the " + op.Name + " job"),
		Schedule:    awsevents.Schedule_Expression(jsii.String(op.Schedule)),
	})
	rule.AddTarget(awseventstargets.NewLambdaFunction(fn, &awseventstargets.LambdaFunctionProps{
		RetryAttempts: jsii.Number(2), MaxEventAge: awscdk.Duration_Hours(jsii.Number(1)), DeadLetterQueue: dlq,
	}))
	alarms.alarm(id+"DeadLettersAlarm", &awscloudwatch.AlarmProps{
		AlarmDescription:   jsii.String(op.Name + ": scheduled invocations failed for good"),
		Metric:             dlq.MetricApproximateNumberOfMessagesVisible(&awscloudwatch.MetricOptions{Period: awscdk.Duration_Minutes(jsii.Number(5))}),
		Threshold:          jsii.Number(1),
		EvaluationPeriods:  jsii.Number(1),
		ComparisonOperator: awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
		TreatMissingData:   awscloudwatch.TreatMissingData_NOT_BREACHING,
	})
}
