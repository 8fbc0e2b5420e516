# Lesson 5: toFQDNs with a DNS rule, plus a CIDR range for a partner without a DNS name.
kubectl apply -f fqdn.yaml
cat <<EOT | kubectl apply -f -
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: mediabot-partner
spec:
  description: The mediabot may reach the partner range on HTTPS, except the block that is not theirs
  endpointSelector:
    matchLabels:
      class: mediabot
  egress:
  - toCIDRSet:
    - cidr: 203.0.113.0/24
      except:
      - 203.0.113.0/26
    toPorts:
    - ports:
      - port: "443"
        protocol: TCP
EOT
