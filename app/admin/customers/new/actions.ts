"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createCustomer } from "@/lib/customers/create-customer";
import { formAction } from "@/lib/forms/form-action";
import { formFields } from "@/lib/forms/form-fields";
import type { CreateCustomerState } from "@/components/customers/create-customer-form";

/** An admin creates a customer (lib checks the admin and the input), then goes to its page. */
export async function createCustomerAction(_prev: CreateCustomerState, form: FormData): Promise<CreateCustomerState> {
  const created: { id?: string } = {};
  const state = await formAction(form, {
    role: "admin",
    run: async (admin) => {
      created.id = (await createCustomer(admin, formFields(form))).id;
      revalidatePath("/admin");
    },
  });
  if (created.id) redirect(`/admin/customers/${created.id}`);
  return state;
}
