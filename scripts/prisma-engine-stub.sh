#!/bin/sh
# Stands in for Prisma's native schema engine, which is a download these machines cannot make.
# It must fail loudly: pointing Prisma at /bin/true makes `prisma migrate deploy` claim success.
echo "native schema engine not installed (offline); use npm run db:deploy" >&2
exit 1
