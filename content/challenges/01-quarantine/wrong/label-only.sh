# fails: xwing-isolated
# Labels the xwing but never writes the policy: a label alone enforces nothing.
kubectl label pod xwing quarantine=true
