"use client";
import { useRouter } from "next/navigation";
import { callApi, secondaryButtonClass } from "./api";

export function SignOutButton() {
  const router = useRouter();
  return (
    <button
      className={secondaryButtonClass}
      onClick={async () => {
        await callApi("/api/instructor/session", "DELETE");
        router.push("/instructor/sign-in");
        router.refresh();
      }}
    >
      Sign out
    </button>
  );
}
