import { useEffect, useState } from "react";
import { useNavigate } from "react-router";
import { useAuth } from "./context";
import { ErrorState } from "../shell/ErrorState";
import { PageLoading } from "../shell/PageLoading";

/** /callback: the OpenID Provider sends the browser back here with the code. */
export default function CallbackPage() {
  const auth = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let cancelled = false;
    auth.completeSignIn().then(
      (to) => !cancelled && navigate(to, { replace: true }),
      (e: unknown) => !cancelled && setError(e),
    );
    return () => {
      cancelled = true;
    };
  }, [auth, navigate]);
  return error ? <ErrorState error={error} /> : <PageLoading />;
}
