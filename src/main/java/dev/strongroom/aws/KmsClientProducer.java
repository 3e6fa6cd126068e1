package dev.strongroom.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The vault's KMS client, for the signing key's envelope (GenerateDataKey, Decrypt). Built on its
 * first call (see {@link S3ClientProducer}), so a vault that never backs its key up under KMS never
 * builds one; honours strongroom.aws.endpoint like every client, so moto_server serves it locally.
 */
@ApplicationScoped
public class KmsClientProducer {

    private final AwsConfig config;

    public KmsClientProducer(AwsConfig config) {
        this.config = config;
    }

    @Produces
    @ApplicationScoped
    KmsClient kms() {
        return SdkClientTuning.apply(KmsClient.builder(), AwsSettings.of(config), config.region()).build();
    }

    void close(@Disposes KmsClient kms) {
        kms.close();
    }
}
