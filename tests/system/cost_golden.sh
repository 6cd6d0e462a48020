#!/bin/bash
# cost-report's markdown (pull-request comment) and JSON views against golden
# files in tests/golden/cost/, for a small chart (Deployment with an HPA,
# StatefulSet with a volume claim template, PVC, LoadBalancer Service, ALB
# Ingress, CronJob) plus cloud resources with a usage file, in eu-west-1 with
# a Savings Plan and a budget. PAVE_UPDATE_GOLDEN=1 rewrites the golden files.
source "$(dirname "$0")/common.sh"
source "$SOURCE_DIR/tests/aws/moto.sh"
moto_start   # pave plan refreshes the cloud resources
golden=$SOURCE_DIR/tests/golden/cost

mkdir -p charts/shop/templates
cat > charts/shop/Chart.yaml <<'YAML'
apiVersion: v2
name: shop
version: 1.0.0
YAML
cat > charts/shop/values.yaml <<'YAML'
replicas: 2
YAML
cat > charts/shop/templates/all.yaml <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {team: storefront}}
spec:
  replicas: {{ .Values.replicas }}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx
        resources: {requests: {cpu: 500m, memory: 1Gi}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 8
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, labels: {team: data}}
spec:
  replicas: 3
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: db
        image: postgres
        resources: {requests: {cpu: "1", memory: 4Gi}}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      storageClassName: fast
      resources: {requests: {storage: 50Gi}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: uploads, labels: {team: storefront}}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 200Gi}}
---
apiVersion: v1
kind: Service
metadata: {name: web-public, labels: {team: storefront}}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{port: 443}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, labels: {team: storefront}}
spec:
  ingressClassName: alb
  rules: [{host: shop.example.com}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report, labels: {team: data}}
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: busybox
            resources: {requests: {cpu: "2", memory: 2Gi}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {a: b}
YAML
cat > pave.toml <<TOML
[project]
name = "shop"
[environments.prod]
target = "directory"
directory = "deploy/prod"
namespace = "shop"
region = "eu-west-1"
endpoint_url = "$MOTO_URL"
[apps.shop]
chart = "charts/shop"

[cloud.s3_buckets.assets]
name = "shop-assets-{env}"
tags = { team = "storefront" }
[cloud.hosted_zones.main]
name = "example.com"
[cloud.health_checks.web]
type = "HTTPS_STR_MATCH"
fqdn = "origin.example.com"
port = 443
request_interval = 10
search_string = "ok"

[cost]
savings_plan = 0.2
eks_cluster = true
usage_file = "usage.yml"
storage_classes = { fast = "io2" }
[cost.budgets]
prod = 1500
TOML
cat > usage.yml <<'YAML'
version: 0.1
resource_usage:
  S3Bucket/shop-assets-prod:
    storage_gb: 2500
    monthly_put_requests: 200000
    monthly_get_requests: 3000000
  Route53HostedZone/example.com.:
    monthly_queries: 12000000
  Ingress/web:
    lcu: 2
  PersistentVolumeClaim/uploads:
    iops: 6000
    throughput_mibps: 250
YAML
expect_exit 0 pave validate

check_golden() { # $1: golden file name, $2: output file
  if [ "${PAVE_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$2" "$golden/$1"
    echo "updated $golden/$1"
  fi
  diff -u "$golden/$1" "$2" || fail "$1 differs from the golden file (PAVE_UPDATE_GOLDEN=1 to update)"
}

expect_exit 0 pave cost-report -e prod --format markdown --group-by tag:team
check_golden estimate.md "$t/out"
expect_exit 0 pave cost-report -e prod --format json --group-by tag:team
check_golden estimate.json "$t/out"
expect_json out 'd["budgets"][0]["exceeded"] == False and d["environments"][0]["unpriced_resources"] == 3'

# The first plan of the environment: every priced resource is created.
expect_exit 0 pave plan -e prod --out prod.plan
expect_exit 0 pave cost-report --plan prod.plan --format markdown
check_golden plan.md "$t/out"
