help
ls
ls -l
cat sw_l3_l4_policy.yaml | head -5
cat sw_l3_l4_policy.yaml | grep -n port
cat sw_l3_l4_policy.yaml | wc -l
wc -l sw_l3_l4_policy.yaml
grep -c org sw_l3_l4_policy.yaml
tail -n 2 sw_l3_l4_policy.yaml
echo "hello $USER" 'single $USER' escaped\ space
export NS=default
echo $NS ${NS}x "$NS"
kubectl get pods -n $NS | grep xwing
cat > deny.yaml <<EOF
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: deny-$NS
spec:
  endpointSelector: {}
  ingress:
  - {}
EOF
cat deny.yaml
echo extra >> deny.yaml
tail -1 deny.yaml
kubectl get pods -o name > pods.txt
cat pods.txt
rm pods.txt
cat pods.txt
rm nothing.yaml
ls *.yaml
kubectl get pods && echo ok || echo failed
kubectl get nope || echo "exit $?"
history 3
clear
vim policy.yaml
nano
sudo kubectl get pods
k get pods
grep
head -z x
ls nodir
echo 'unterminated
