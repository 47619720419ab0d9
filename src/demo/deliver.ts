// Signed webhook deliveries, as GitHub makes them: an HMAC-SHA256 of the body with the app's
// secret in `X-Hub-Signature-256`, POSTed to the app's webhook path.
import { createHmac, randomUUID } from "node:crypto";

export function sign(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export interface Delivery {
  event: string;
  payload: unknown;
  id?: string | undefined;
  /** Override the signature (e.g. a forged one). */
  signature?: string;
}

/** POSTs a signed webhook to the app on 127.0.0.1; returns the HTTP status and the delivery id. */
export async function deliver(
  port: number,
  secret: string,
  delivery: Delivery,
): Promise<{ status: number; id: string }> {
  const body = JSON.stringify(delivery.payload);
  const id = delivery.id ?? randomUUID();
  const response = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": delivery.event,
      "x-github-delivery": id,
      "x-hub-signature-256": delivery.signature ?? sign(secret, body),
    },
    body,
  });
  await response.text();
  return { status: response.status, id };
}
