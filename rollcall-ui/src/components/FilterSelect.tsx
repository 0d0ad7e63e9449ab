import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";

export interface FilterOption {
  value: string;
  label: string;
}

/** A labelled select for a list filter; {@code ALL} stands for "no filter". */
export function FilterSelect({
  id,
  label,
  value,
  options,
  onChange,
  className = "w-40",
}: {
  id: string;
  label: string;
  value: string;
  options: FilterOption[];
  onChange(value: string): void;
  className?: string;
}) {
  return (
    <div className="grid gap-1">
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </Label>
      <Select value={value} onValueChange={onChange}>
        <SelectTrigger id={id} className={className} data-testid={id}>
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {options.map((option) => (
            <SelectItem key={option.value} value={option.value}>
              {option.label}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}

export const ALL = "all";

/** The filter's value for a query: nothing for {@link ALL}. */
export function filterValue(value: string): string | undefined {
  return value === ALL ? undefined : value;
}
