CREATE TABLE "mall_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"mall" text NOT NULL,
	"voucher_kind_id" integer,
	"name" varchar(64) NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"image_url" text,
	"kind" text NOT NULL,
	"points_price" bigint NOT NULL,
	"cash_price_fen" bigint DEFAULT 0 NOT NULL,
	"stock" integer NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mall_items_stock" CHECK ("mall_items"."stock" >= 0),
	CONSTRAINT "mall_items_prices" CHECK ("mall_items"."points_price" > 0 and "mall_items"."cash_price_fen" >= 0),
	CONSTRAINT "mall_items_mall" CHECK ("mall_items"."mall" in ('points', 'voucher')),
	CONSTRAINT "mall_items_kind" CHECK ("mall_items"."kind" in ('product', 'virtual')),
	CONSTRAINT "mall_items_voucher_kind" CHECK (("mall_items"."mall" = 'voucher') = ("mall_items"."voucher_kind_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "mall_redemptions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_no" text NOT NULL,
	"member_id" bigint NOT NULL,
	"item_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	"asset" text NOT NULL,
	"points_paid" bigint NOT NULL,
	"cash_paid_fen" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mall_redemptions_order_no_unique" UNIQUE("order_no"),
	CONSTRAINT "mall_redemptions_amounts" CHECK ("mall_redemptions"."quantity" > 0 and "mall_redemptions"."points_paid" > 0 and "mall_redemptions"."cash_paid_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "voucher_kinds" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(32) NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voucher_kinds_name_unique" UNIQUE("name"),
	CONSTRAINT "voucher_kinds_name" CHECK (length(trim("voucher_kinds"."name")) > 0)
);
--> statement-breakpoint
ALTER TABLE "mall_items" ADD CONSTRAINT "mall_items_voucher_kind_id_voucher_kinds_id_fk" FOREIGN KEY ("voucher_kind_id") REFERENCES "public"."voucher_kinds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mall_redemptions" ADD CONSTRAINT "mall_redemptions_order_no_orders_order_no_fk" FOREIGN KEY ("order_no") REFERENCES "public"."orders"("order_no") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mall_redemptions" ADD CONSTRAINT "mall_redemptions_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mall_redemptions" ADD CONSTRAINT "mall_redemptions_item_id_mall_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."mall_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mall_items_mall_idx" ON "mall_items" USING btree ("mall","id");--> statement-breakpoint
CREATE INDEX "mall_redemptions_member_idx" ON "mall_redemptions" USING btree ("member_id","id");--> statement-breakpoint
CREATE INDEX "mall_redemptions_item_idx" ON "mall_redemptions" USING btree ("item_id");