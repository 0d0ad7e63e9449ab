import { cva, type VariantProps } from "class-variance-authority";
import type { HTMLAttributes } from "react";
import { cn } from "@/lib/utils";

const alertVariants = cva("relative w-full rounded-lg border px-4 py-3 text-sm [&>svg]:absolute [&>svg]:left-4 [&>svg]:top-3.5 [&>svg]:size-4 [&>svg~*]:pl-7", {
  variants: {
    tone: {
      neutral: "bg-card text-card-foreground",
      info: "border-primary/30 bg-primary/5 text-foreground [&>svg]:text-primary",
      warning: "border-warning/40 bg-warning/10 text-foreground [&>svg]:text-warning",
      danger: "border-destructive/40 bg-destructive/5 text-foreground [&>svg]:text-destructive",
      success: "border-success/40 bg-success/5 text-foreground [&>svg]:text-success",
    },
  },
  defaultVariants: { tone: "neutral" },
});

export function Alert({ className, tone, role, ...props }: HTMLAttributes<HTMLDivElement> & VariantProps<typeof alertVariants>) {
  return <div role={role ?? (tone === "danger" ? "alert" : "status")} className={cn(alertVariants({ tone }), className)} {...props} />;
}

export function AlertTitle({ className, ...props }: HTMLAttributes<HTMLHeadingElement>) {
  return <h5 className={cn("mb-1 font-medium leading-none", className)} {...props} />;
}

export function AlertDescription({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("text-sm text-muted-foreground [&_p]:leading-relaxed", className)} {...props} />;
}
