import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors/app-error";

/** For pages: a NOT_FOUND from lib becomes the 404 page; anything else is thrown on. */
export async function notFoundOnMissing<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}
